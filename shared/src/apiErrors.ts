import { z } from 'zod';
import { ErrorCodeSchema } from './errors.ts';

/** One invalid field of a request body, named by its path (e.g. "openingHours.weekly.mon.0.to"). */
export const FieldErrorSchema = z.object({ path: z.string(), message: z.string() });
export type FieldError = z.infer<typeof FieldErrorSchema>;

/** The body of every HTTP error answer. */
export const ApiErrorBodySchema = z.object({
  error: z.object({
    code: ErrorCodeSchema,
    message: z.string(),
    fields: z.array(FieldErrorSchema).optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBodySchema>;
