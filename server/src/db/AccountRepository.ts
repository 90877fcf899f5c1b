import {
  AccountSchema,
  StaffRoleSchema,
  StaffUserIdSchema,
  type Account,
  type StaffRole,
  type StaffUser,
  type StaffUserId,
} from '@kanava/shared';
import type { Selectable } from 'kysely';
import type { DbOrTx } from './database.ts';
import type { StaffAccountTable, StaffRoleTable } from './schema.ts';

/** What sign-in needs to know about an account; never leaves the server. */
export interface AccountCredentials {
  id: StaffUserId;
  passwordHash: string | null;
  disabled: boolean;
  failedSignIns: number;
  lockedUntil: Date | null;
}

export interface NewAccountRow {
  email: string;
  displayName: string;
  passwordHash: string | null;
  roles: StaffRole[];
}

type RoleKind = StaffRole['kind'];

export function roleToRow(accountId: string, role: StaffRole): StaffRoleTable {
  switch (role.kind) {
    case 'platformAdmin':
      return { account_id: accountId, kind: role.kind, scope_id: '' };
    case 'providerAdmin':
    case 'expert':
      return { account_id: accountId, kind: role.kind, scope_id: role.providerId };
    case 'advisor':
      return { account_id: accountId, kind: role.kind, scope_id: role.pointId };
    default: {
      const never: never = role;
      throw new Error(`unknown role ${JSON.stringify(never)}`);
    }
  }
}

function roleFromRow(r: Pick<StaffRoleTable, 'kind' | 'scope_id'>): StaffRole {
  switch (r.kind) {
    case 'platformAdmin':
      return StaffRoleSchema.parse({ kind: 'platformAdmin' });
    case 'providerAdmin':
    case 'expert':
      return StaffRoleSchema.parse({ kind: r.kind, providerId: r.scope_id });
    case 'advisor':
      return StaffRoleSchema.parse({ kind: 'advisor', pointId: r.scope_id });
    default:
      throw new Error(`unknown role kind in database: ${r.kind}`);
  }
}

/** Staff accounts and their roles. */
export class AccountRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  async credentialsByEmail(email: string): Promise<AccountCredentials | undefined> {
    const row = await this.#db.selectFrom('staff_account').selectAll().where('email', '=', email).executeTakeFirst();
    return row ? toCredentials(row) : undefined;
  }

  async credentials(id: StaffUserId): Promise<AccountCredentials | undefined> {
    const row = await this.#db.selectFrom('staff_account').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toCredentials(row) : undefined;
  }

  async idByOidcSubject(subject: string): Promise<StaffUserId | undefined> {
    const row = await this.#db.selectFrom('staff_account').select('id').where('oidc_subject', '=', subject).executeTakeFirst();
    return row ? StaffUserIdSchema.parse(row.id) : undefined;
  }

  async linkOidcSubject(id: StaffUserId, subject: string, now: Date): Promise<void> {
    await this.#db.updateTable('staff_account').set({ oidc_subject: subject, updated_at: now.toISOString() }).where('id', '=', id).execute();
  }

  async get(id: StaffUserId): Promise<Account | undefined> {
    return (await this.#accounts([id]))[0];
  }

  /** The account as a signed-in staff member; undefined when disabled. */
  async staffUser(id: StaffUserId): Promise<StaffUser | undefined> {
    const a = await this.get(id);
    if (!a || a.disabled) return undefined;
    return { id: a.id, displayName: a.displayName, email: a.email, roles: a.roles };
  }

  async list(): Promise<Account[]> {
    const rows = await this.#db.selectFrom('staff_account').select('id').orderBy('display_name').execute();
    return this.#accounts(rows.map((r) => StaffUserIdSchema.parse(r.id)));
  }

  /** Accounts holding any of these roles, e.g. the admins of the providers that serve a point. */
  async withRole(kind: RoleKind, scopeIds: readonly string[]): Promise<Account[]> {
    if (scopeIds.length === 0) return [];
    const rows = await this.#db
      .selectFrom('staff_role')
      .select('account_id')
      .distinct()
      .where('kind', '=', kind)
      .where('scope_id', 'in', scopeIds)
      .execute();
    return this.#accounts(rows.map((r) => StaffUserIdSchema.parse(r.account_id)));
  }

  async create(a: NewAccountRow, now: Date): Promise<Account> {
    const at = now.toISOString();
    const id = crypto.randomUUID();
    await this.#db
      .insertInto('staff_account')
      .values({
        id,
        email: a.email,
        display_name: a.displayName,
        password_hash: a.passwordHash,
        oidc_subject: null,
        disabled: 0,
        failed_sign_ins: 0,
        locked_until: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await this.#setRoles(id, a.roles);
    const created = await this.get(StaffUserIdSchema.parse(id));
    if (!created) throw new Error('account vanished after insert');
    return created;
  }

  async update(
    id: StaffUserId,
    patch: { displayName?: string | undefined; roles?: StaffRole[] | undefined; disabled?: boolean | undefined },
    now: Date,
  ): Promise<Account | undefined> {
    await this.#db
      .updateTable('staff_account')
      .set({
        ...(patch.displayName !== undefined && { display_name: patch.displayName }),
        ...(patch.disabled !== undefined && { disabled: patch.disabled ? 1 : 0 }),
        updated_at: now.toISOString(),
      })
      .where('id', '=', id)
      .execute();
    if (patch.roles) {
      await this.#db.deleteFrom('staff_role').where('account_id', '=', id).execute();
      await this.#setRoles(id, patch.roles);
    }
    return this.get(id);
  }

  async setPasswordHash(id: StaffUserId, hash: string, now: Date): Promise<void> {
    await this.#db
      .updateTable('staff_account')
      .set({ password_hash: hash, failed_sign_ins: 0, locked_until: null, updated_at: now.toISOString() })
      .where('id', '=', id)
      .execute();
  }

  /**
   * Counts a failed sign-in in one statement (two parallel guesses both count); when the
   * count reaches `lockAfter` the account is locked until `lockUntil` and counting starts
   * again. Returns true when this failure locked the account.
   */
  async recordFailedSignIn(id: StaffUserId, lockAfter: number, lockUntil: Date): Promise<boolean> {
    await this.#db
      .updateTable('staff_account')
      .set((eb) => ({ failed_sign_ins: eb('failed_sign_ins', '+', 1) }))
      .where('id', '=', id)
      .execute();
    const locked = await this.#db
      .updateTable('staff_account')
      .set({ locked_until: lockUntil.toISOString(), failed_sign_ins: 0 })
      .where('id', '=', id)
      .where('failed_sign_ins', '>=', lockAfter)
      .executeTakeFirst();
    return locked.numUpdatedRows === 1n;
  }

  async clearFailedSignIns(id: StaffUserId): Promise<void> {
    await this.#db.updateTable('staff_account').set({ failed_sign_ins: 0, locked_until: null }).where('id', '=', id).execute();
  }

  async #setRoles(accountId: string, roles: readonly StaffRole[]): Promise<void> {
    const rows = roles.map((r) => roleToRow(accountId, r));
    const unique = [...new Map(rows.map((r) => [`${r.kind}:${r.scope_id}`, r])).values()];
    if (unique.length > 0) await this.#db.insertInto('staff_role').values(unique).execute();
  }

  async #accounts(ids: readonly StaffUserId[]): Promise<Account[]> {
    if (ids.length === 0) return [];
    const rows = await this.#db.selectFrom('staff_account').selectAll().where('id', 'in', ids).orderBy('display_name').execute();
    const roles = await this.#db
      .selectFrom('staff_role')
      .select(['account_id', 'kind', 'scope_id'])
      .where('account_id', 'in', ids)
      .orderBy('kind')
      .orderBy('scope_id')
      .execute();
    return rows.map((r) => toAccount(r, roles.filter((x) => x.account_id === r.id).map(roleFromRow)));
  }
}

function toCredentials(row: Selectable<StaffAccountTable>): AccountCredentials {
  return {
    id: StaffUserIdSchema.parse(row.id),
    passwordHash: row.password_hash,
    disabled: row.disabled !== 0,
    failedSignIns: row.failed_sign_ins,
    lockedUntil: row.locked_until ? new Date(row.locked_until) : null,
  };
}

function toAccount(row: Selectable<StaffAccountTable>, roles: StaffRole[]): Account {
  return AccountSchema.parse({
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    roles,
    disabled: row.disabled !== 0,
    lockedUntil: row.locked_until,
    hasPassword: row.password_hash !== null,
    createdAt: row.created_at,
  });
}
