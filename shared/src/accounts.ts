import { z } from 'zod';
import { StaffUserIdSchema } from './ids.ts';
import { StaffRoleSchema } from './staff.ts';

/** Staff accounts and sign-in. Customers have no account. */

/** E-mail addresses are compared case-insensitively: stored and looked up lower-cased. */
export const EmailSchema = z.email('an e-mail address').trim().max(254).toLowerCase();

/** Long enough to resist guessing; no composition rules (NIST SP 800-63B). */
export const NewPasswordSchema = z.string().min(12, 'at least 12 characters').max(200);

export const SignInSchema = z.object({
  email: EmailSchema,
  password: z.string().min(1, 'required').max(200),
});
export type SignIn = z.infer<typeof SignInSchema>;

export const PasswordChangeSchema = z.object({
  currentPassword: z.string().min(1, 'required').max(200),
  newPassword: NewPasswordSchema,
});

/** What the sign-in page offers besides the password form. */
export const SignInOptionsSchema = z.object({
  oidc: z.object({ label: z.string() }).nullable(),
});
export type SignInOptions = z.infer<typeof SignInOptionsSchema>;

/** An account as platform admins (and provider admins, for their experts) see it. */
export const AccountSchema = z.object({
  id: StaffUserIdSchema,
  email: z.string(),
  displayName: z.string(),
  roles: z.array(StaffRoleSchema),
  disabled: z.boolean(),
  /** Set while the account is locked after repeated failed sign-ins. */
  lockedUntil: z.iso.datetime().nullable(),
  hasPassword: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type Account = z.infer<typeof AccountSchema>;

export const NewAccountSchema = z.object({
  email: EmailSchema,
  displayName: z.string().trim().min(1, 'required').max(120),
  /** Omitted for accounts that sign in through their organisation's identity provider only. */
  password: NewPasswordSchema.optional(),
  roles: z.array(StaffRoleSchema).min(1, 'at least one role').max(50),
});
export type NewAccount = z.infer<typeof NewAccountSchema>;

export const AccountPatchSchema = z
  .object({
    displayName: z.string().trim().min(1, 'required').max(120),
    roles: z.array(StaffRoleSchema).min(1, 'at least one role').max(50),
    disabled: z.boolean(),
  })
  .partial();

export const PasswordResetSchema = z.object({ password: NewPasswordSchema });
