import express, { type Router } from 'express';
import { z } from 'zod';
import {
  AccountPatchSchema,
  KanavaError,
  NewAccountSchema,
  PasswordResetSchema,
  StaffUserIdSchema,
  type Account,
  type StaffRole,
  type StaffUser,
} from '@kanava/shared';
import { hashPassword } from '../../auth/passwords.ts';
import { canGrant, isPlatformAdmin, providersAdministeredBy } from '../../auth/permissions.ts';
import type { Repos } from '../../records/Records.ts';
import type { RouteContext } from './index.ts';
import { authorised, found, parse, uniqueOr, ValidationError } from './support.ts';

const IdParams = z.object({ id: StaffUserIdSchema });

/** Each role's provider or point must exist: the database cannot check a role's scope for us. */
async function assertRoleScopes(r: Repos, roles: readonly StaffRole[]): Promise<void> {
  const problems = [];
  for (const [i, role] of roles.entries()) {
    if (role.kind === 'providerAdmin' || role.kind === 'expert') {
      if (!(await r.providers.get(role.providerId))) problems.push({ path: `roles.${i}.providerId`, message: 'no such provider' });
    } else if (role.kind === 'advisor') {
      if (!(await r.points.get(role.pointId))) problems.push({ path: `roles.${i}.pointId`, message: 'no such service point' });
    }
  }
  if (problems.length > 0) throw new ValidationError(problems);
}

function assertMayGrant(user: StaffUser, roles: readonly StaffRole[]): void {
  if (!roles.every((role) => canGrant(user, role))) throw new KanavaError('forbidden', 'you may not grant these roles');
}

/** A provider admin manages only accounts whose every role lies within their own providers. */
function mayManage(user: StaffUser, account: Account): boolean {
  return isPlatformAdmin(user) || (providersAdministeredBy(user).length > 0 && account.roles.every((role) => canGrant(user, role)));
}

/** Staff accounts: platform admins manage all; provider admins their own experts and admins. */
export function accountRoutes({ records, now }: RouteContext): Router {
  const r = express.Router();
  const isAnyAdmin = (u: StaffUser) => isPlatformAdmin(u) || providersAdministeredBy(u).length > 0;

  r.get('/registry/accounts', async (_req, res) => {
    authorised(res, isPlatformAdmin);
    res.json(await records.repos.accounts.list());
  });

  r.post('/registry/accounts', async (req, res) => {
    const user = authorised(res, isAnyAdmin);
    const input = parse(NewAccountSchema, req.body);
    assertMayGrant(user, input.roles);
    const passwordHash = input.password ? await hashPassword(input.password) : null;
    const at = now();
    const account = await uniqueOr(`an account with the e-mail address ${input.email} already exists`, () =>
      records.transaction(async (t) => {
        await assertRoleScopes(t, input.roles);
        const created = await t.accounts.create({ email: input.email, displayName: input.displayName, passwordHash, roles: input.roles }, at);
        await t.audit.record(user, { action: 'account.created', entity: 'account', entityId: created.id, details: { email: created.email, roles: created.roles } }, at);
        return created;
      }),
    );
    res.status(201).json(account);
  });

  r.patch('/registry/accounts/:id', async (req, res) => {
    const { id } = parse(IdParams, req.params);
    const user = authorised(res, isAnyAdmin);
    const patch = parse(AccountPatchSchema, req.body);
    const at = now();
    const account = await records.transaction(async (t) => {
      const current = found(await t.accounts.get(id), 'account');
      if (!mayManage(user, current)) throw new KanavaError('forbidden', 'you may not change this account');
      if (patch.roles) {
        assertMayGrant(user, patch.roles);
        await assertRoleScopes(t, patch.roles);
        // Nobody removes their own platform admin role: the last admin could lock everyone out.
        if (id === user.id && isPlatformAdmin(user) && !patch.roles.some((role) => role.kind === 'platformAdmin')) {
          throw new ValidationError([{ path: 'roles', message: 'you cannot remove your own platform admin role' }]);
        }
      }
      if (patch.disabled && id === user.id) throw new ValidationError([{ path: 'disabled', message: 'you cannot disable your own account' }]);
      const updated = found(await t.accounts.update(id, patch, at), 'account');
      if (patch.disabled) await t.sessions.deleteAllOf(id);
      await t.audit.record(user, { action: 'account.updated', entity: 'account', entityId: id, details: { ...patch } }, at);
      return updated;
    });
    res.json(account);
  });

  /** An admin sets a new password (forgotten password); the account's sessions end. */
  r.post('/registry/accounts/:id/password', async (req, res) => {
    const { id } = parse(IdParams, req.params);
    const user = authorised(res, isAnyAdmin);
    const { password } = parse(PasswordResetSchema, req.body);
    const current = found(await records.repos.accounts.get(id), 'account');
    if (!mayManage(user, current)) throw new KanavaError('forbidden', 'you may not change this account');
    const passwordHash = await hashPassword(password);
    const at = now();
    await records.transaction(async (t) => {
      await t.accounts.setPasswordHash(id, passwordHash, at);
      await t.sessions.deleteAllOf(id);
      await t.audit.record(user, { action: 'account.passwordReset', entity: 'account', entityId: id }, at);
    });
    res.status(204).end();
  });

  r.post('/registry/accounts/:id/unlock', async (req, res) => {
    const { id } = parse(IdParams, req.params);
    const user = authorised(res, isPlatformAdmin);
    found(await records.repos.accounts.get(id), 'account');
    const at = now();
    await records.transaction(async (t) => {
      await t.accounts.clearFailedSignIns(id);
      await t.audit.record(user, { action: 'account.unlocked', entity: 'account', entityId: id }, at);
    });
    res.json(await records.repos.accounts.get(id));
  });

  return r;
}
