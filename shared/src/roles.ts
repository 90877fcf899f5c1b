import { z } from 'zod';

/** The part a participant plays in a point room. */
export const ParticipantRoleSchema = z.enum(['customer', 'advisor', 'expert']);
export type ParticipantRole = z.infer<typeof ParticipantRoleSchema>;
