import { z } from 'zod';
import { PointSlugSchema, ServicePointIdSchema } from './ids.ts';

/** What anyone holding a point's fixed link may know about it. */
export const PublicServicePointSchema = z.object({
  id: ServicePointIdSchema,
  slug: PointSlugSchema,
  nameFi: z.string(),
  nameSv: z.string(),
  municipality: z.string(),
});
export type PublicServicePoint = z.infer<typeof PublicServicePointSchema>;
