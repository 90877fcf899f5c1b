import { z } from 'zod';
import { ProviderIdSchema, ServicePointIdSchema, StaffUserIdSchema } from './ids.ts';

/** One role grant of a staff account; an account may hold several. */
export const StaffRoleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('platformAdmin') }),
  z.object({ kind: z.literal('providerAdmin'), providerId: ProviderIdSchema }),
  z.object({ kind: z.literal('expert'), providerId: ProviderIdSchema }),
  z.object({ kind: z.literal('advisor'), pointId: ServicePointIdSchema }),
]);
export type StaffRole = z.infer<typeof StaffRoleSchema>;

/** The signed-in staff member as the client may know them. */
export const StaffUserSchema = z.object({
  id: StaffUserIdSchema,
  displayName: z.string(),
  email: z.string(),
  roles: z.array(StaffRoleSchema),
});
export type StaffUser = z.infer<typeof StaffUserSchema>;
