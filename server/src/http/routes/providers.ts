import express, { type Router } from 'express';
import { z } from 'zod';
import { NewProviderSchema, NewServiceSchema, ProviderIdSchema, ProviderPatchSchema } from '@kanava/shared';
import { canManageProvider, canReadProvider, isPlatformAdmin } from '../../auth/permissions.ts';
import type { RouteContext } from './index.ts';
import { authorised, found, parse, signedIn, uniqueOr } from './support.ts';

const IdParams = z.object({ id: ProviderIdSchema });

/** Providers (platform admins) and each provider's services (its own admins). */
export function providerRoutes({ records, now }: RouteContext): Router {
  const r = express.Router();
  const { providers, services, accounts } = records.repos;

  // Provider names are no secret: every staff member sees the list (agreements, directories).
  r.get('/registry/providers', async (_req, res) => {
    signedIn(res);
    res.json(await providers.list());
  });

  r.post('/registry/providers', async (req, res) => {
    const user = authorised(res, isPlatformAdmin);
    const input = parse(NewProviderSchema, req.body);
    const at = now();
    const provider = await uniqueOr(`a provider with the code "${input.code}" already exists`, () =>
      records.transaction(async (t) => {
        const created = await t.providers.create(input, at);
        await t.audit.record(user, { action: 'provider.created', entity: 'provider', entityId: created.id, details: { code: created.code } }, at);
        return created;
      }),
    );
    res.status(201).json(provider);
  });

  r.patch('/registry/providers/:id', async (req, res) => {
    const { id } = parse(IdParams, req.params);
    const user = authorised(res, isPlatformAdmin);
    const patch = parse(ProviderPatchSchema, req.body);
    const at = now();
    const provider = await records.transaction(async (t) => {
      found(await t.providers.get(id), 'provider');
      const updated = await t.providers.update(id, patch, at);
      await t.audit.record(user, { action: 'provider.updated', entity: 'provider', entityId: id, details: { fields: Object.keys(patch) } }, at);
      return updated;
    });
    res.json(provider);
  });

  r.get('/registry/providers/:id/services', async (req, res) => {
    const { id } = parse(IdParams, req.params);
    authorised(res, (u) => canReadProvider(u, id));
    found(await providers.get(id), 'provider');
    res.json(await services.listByProvider(id));
  });

  r.post('/registry/providers/:id/services', async (req, res) => {
    const { id } = parse(IdParams, req.params);
    const user = authorised(res, (u) => canManageProvider(u, id));
    const input = parse(NewServiceSchema, req.body);
    found(await providers.get(id), 'provider');
    const at = now();
    const service = await uniqueOr(`the provider already has a service with the code "${input.code}"`, () =>
      records.transaction(async (t) => {
        const created = await t.services.create(id, input, at);
        await t.audit.record(user, { action: 'service.created', entity: 'service', entityId: created.id, details: { providerId: id, code: created.code } }, at);
        return created;
      }),
    );
    res.status(201).json(service);
  });

  /** The provider's experts and admins, for its admins. */
  r.get('/registry/providers/:id/accounts', async (req, res) => {
    const { id } = parse(IdParams, req.params);
    authorised(res, (u) => canManageProvider(u, id));
    const [experts, admins] = await Promise.all([accounts.withRole('expert', [id]), accounts.withRole('providerAdmin', [id])]);
    const byId = new Map([...admins, ...experts].map((a) => [a.id, a]));
    res.json([...byId.values()].sort((a, b) => a.displayName.localeCompare(b.displayName, 'fi')));
  });

  return r;
}
