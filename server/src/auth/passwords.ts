import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with the library's defaults (m = 19 MiB, t = 2, p = 1: OWASP's minimum
 * recommendation); the parameters are stored in each hash, so they can be raised later.
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/**
 * Spends the same time as a real check when there is no account or no password, so the
 * answer time does not tell which e-mail addresses have accounts.
 */
export async function verifyNothing(password: string): Promise<false> {
  dummyHash ??= hash('kanava-timing-equaliser');
  await verifyPassword(await dummyHash, password);
  return false;
}
