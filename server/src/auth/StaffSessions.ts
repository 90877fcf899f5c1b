import { createHash, randomBytes } from 'node:crypto';
import type { StaffUser, StaffUserId } from '@kanava/shared';
import type { StaffAuthenticator } from '../access/AccessPolicy.ts';
import type { Logger } from '../logger.ts';
import type { Records } from '../records/Records.ts';
import { sessionTokenFrom } from './cookies.ts';
import { hashPassword, verifyNothing, verifyPassword } from './passwords.ts';

export interface AuthSettings {
  /** A session ends this long after sign-in, whatever happens. */
  sessionHours: number;
  /** Failed sign-ins in a row that lock the account… */
  maxFailedSignIns: number;
  /** …for this long. */
  lockMinutes: number;
}

export type SignInResult =
  | { kind: 'signedIn'; token: string; user: StaffUser }
  | { kind: 'invalid' }
  | { kind: 'locked'; until: Date };

export type PasswordChangeResult = 'changed' | 'wrongPassword';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Password sign-in with lock-out, and server-side sessions; also the StaffAuthenticator the rooms use. */
export class StaffSessions implements StaffAuthenticator {
  readonly #records: Records;
  readonly #settings: AuthSettings;
  readonly #log: Logger;
  readonly #now: () => Date;

  constructor(records: Records, settings: AuthSettings, log: Logger, now: () => Date = () => new Date()) {
    this.#records = records;
    this.#settings = settings;
    this.#log = log;
    this.#now = now;
  }

  get sessionSeconds(): number {
    return this.#settings.sessionHours * 3600;
  }

  async signIn(email: string, password: string): Promise<SignInResult> {
    const { accounts, audit } = this.#records.repos;
    const now = this.#now();
    const account = await accounts.credentialsByEmail(email);
    if (!account || account.disabled || !account.passwordHash) {
      await verifyNothing(password);
      return { kind: 'invalid' };
    }
    // A locked account is not even checked: guessing on during the lock gains nothing.
    if (account.lockedUntil && account.lockedUntil > now) return { kind: 'locked', until: account.lockedUntil };
    if (!(await verifyPassword(account.passwordHash, password))) {
      const until = new Date(now.getTime() + this.#settings.lockMinutes * 60_000);
      const locked = await accounts.recordFailedSignIn(account.id, this.#settings.maxFailedSignIns, until);
      if (locked) {
        this.#log.warn({ accountId: account.id }, 'account locked after repeated failed sign-ins');
        await audit.record(null, { action: 'account.locked', entity: 'account', entityId: account.id, details: { until: until.toISOString() } }, now);
        return { kind: 'locked', until };
      }
      return { kind: 'invalid' };
    }
    if (account.failedSignIns > 0 || account.lockedUntil) await accounts.clearFailedSignIns(account.id);
    return this.startSession(account.id);
  }

  /** Opens a session for an account that has proven who it is (password or OIDC). */
  async startSession(accountId: StaffUserId): Promise<SignInResult> {
    const user = await this.#records.repos.accounts.staffUser(accountId);
    if (!user) return { kind: 'invalid' };
    const token = randomBytes(32).toString('base64url');
    const now = this.#now();
    // Sign-ins are rare enough to sweep expired sessions here, without a scheduled job.
    await this.#records.repos.sessions.deleteExpired(now);
    await this.#records.repos.sessions.create(hashToken(token), accountId, now, new Date(now.getTime() + this.sessionSeconds * 1000));
    return { kind: 'signedIn', token, user };
  }

  async userForToken(token: string): Promise<StaffUser | undefined> {
    const accountId = await this.#records.repos.sessions.accountOf(hashToken(token), this.#now());
    return accountId ? this.#records.repos.accounts.staffUser(accountId) : undefined;
  }

  async fromCookieHeader(cookieHeader: string | undefined): Promise<StaffUser | undefined> {
    const token = sessionTokenFrom(cookieHeader);
    return token ? this.userForToken(token) : undefined;
  }

  async signOut(token: string): Promise<void> {
    await this.#records.repos.sessions.delete(hashToken(token));
  }

  /** Changes the own password; every other session of the account ends (a stolen one too). */
  async changePassword(user: StaffUser, token: string, current: string, next: string): Promise<PasswordChangeResult> {
    const account = await this.#records.repos.accounts.credentials(user.id);
    if (!account?.passwordHash || !(await verifyPassword(account.passwordHash, current))) return 'wrongPassword';
    const newHash = await hashPassword(next);
    const now = this.#now();
    await this.#records.transaction(async (r) => {
      await r.accounts.setPasswordHash(user.id, newHash, now);
      await r.sessions.deleteAllOf(user.id, hashToken(token));
      await r.audit.record(user, { action: 'account.passwordChanged', entity: 'account', entityId: user.id }, now);
    });
    return 'changed';
  }
}
