import path from 'node:path';
import { z } from 'zod';
import { ConfigError, type ServerConfig } from '../config.ts';

const boolFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Environment variables of the records, accounts, sign-in and mail (merged into the server's schema). */
export const recordsEnvShape = {
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// URL').optional(),
  KANAVA_SESSION_HOURS: z.coerce.number().min(0.1).max(24 * 30).default(12),
  KANAVA_SIGNIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  KANAVA_SIGNIN_LOCK_MINUTES: z.coerce.number().min(0.1).max(24 * 60).default(15),
  KANAVA_SIGNIN_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(30),
  KANAVA_MAIL_FROM: z.string().min(3).default('Kanava <kanava@localhost>'),
  KANAVA_SMTP_URL: z.string().regex(/^smtps?:\/\//, 'an smtp:// or smtps:// URL').optional(),
  KANAVA_MAIL_DIR: z.string().optional(),
  KANAVA_OIDC_ISSUER: z.url().optional(),
  KANAVA_OIDC_CLIENT_ID: z.string().min(1).optional(),
  KANAVA_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  KANAVA_OIDC_LABEL: z.string().min(1).max(60).default('Organisation sign-in'),
  KANAVA_OIDC_ALLOW_HTTP: boolFlag.default(false),
};

type RecordsEnv = z.infer<z.ZodObject<typeof recordsEnvShape>>;

export function recordsConfigFrom(
  e: RecordsEnv & { KANAVA_PUBLIC_URL?: string | undefined; KANAVA_PORT: number },
  dataDir: string,
): Pick<ServerConfig, 'databaseUrl' | 'auth' | 'mail'> {
  if (e.KANAVA_OIDC_ISSUER && !e.KANAVA_OIDC_CLIENT_ID) {
    throw new ConfigError('invalid configuration:\n  KANAVA_OIDC_CLIENT_ID: needed with KANAVA_OIDC_ISSUER');
  }
  const publicUrl = (e.KANAVA_PUBLIC_URL ?? `http://localhost:${e.KANAVA_PORT}`).replace(/\/$/, '');
  return {
    databaseUrl: e.DATABASE_URL,
    auth: {
      sessionHours: e.KANAVA_SESSION_HOURS,
      maxFailedSignIns: e.KANAVA_SIGNIN_MAX_FAILURES,
      lockMinutes: e.KANAVA_SIGNIN_LOCK_MINUTES,
      signInRateLimitPerMinute: e.KANAVA_SIGNIN_RATE_LIMIT,
      secureCookies: e.KANAVA_PUBLIC_URL?.startsWith('https:') ?? false,
      oidc:
        e.KANAVA_OIDC_ISSUER && e.KANAVA_OIDC_CLIENT_ID
          ? {
              issuer: e.KANAVA_OIDC_ISSUER,
              clientId: e.KANAVA_OIDC_CLIENT_ID,
              clientSecret: e.KANAVA_OIDC_CLIENT_SECRET,
              redirectUrl: `${publicUrl}/api/auth/oidc/callback`,
              label: e.KANAVA_OIDC_LABEL,
              allowHttp: e.KANAVA_OIDC_ALLOW_HTTP,
            }
          : undefined,
    },
    mail: {
      from: e.KANAVA_MAIL_FROM,
      smtpUrl: e.KANAVA_SMTP_URL,
      dir: path.resolve(dataDir, e.KANAVA_MAIL_DIR ?? 'mail'),
    },
  };
}
