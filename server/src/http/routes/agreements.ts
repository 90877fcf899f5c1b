import express, { type Router } from 'express';
import { z } from 'zod';
import {
  AgreementIdSchema,
  AgreementPatchSchema,
  NewAgreementSchema,
  ProviderIdSchema,
  ServicePointIdSchema,
  type ProviderId,
  type ServiceId,
} from '@kanava/shared';
import { isPlatformAdmin } from '../../auth/permissions.ts';
import type { Repos } from '../../records/Records.ts';
import type { RouteContext } from './index.ts';
import { authorised, found, parse, uniqueOr, ValidationError } from './support.ts';

const IdParams = z.object({ id: AgreementIdSchema });
const ListQuery = z.object({ pointId: ServicePointIdSchema.optional(), providerId: ProviderIdSchema.optional() });

/** Only the provider's own services can be part of its agreement. */
async function assertServicesOf(r: Repos, providerId: ProviderId, serviceIds: readonly ServiceId[]): Promise<void> {
  const services = await r.services.getMany(serviceIds);
  const foreign = serviceIds.filter((id) => !services.some((s) => s.id === id && s.providerId === providerId));
  if (foreign.length > 0) {
    throw new ValidationError(
      foreign.map((id) => ({ path: `serviceIds.${serviceIds.indexOf(id)}`, message: 'not a service of this provider' })),
    );
  }
}

/** Agreements between points and providers: platform admins only. */
export function agreementRoutes({ records, now }: RouteContext): Router {
  const r = express.Router();

  r.get('/registry/agreements', async (req, res) => {
    authorised(res, isPlatformAdmin);
    const filter = parse(ListQuery, req.query);
    res.json(await records.repos.agreements.list(filter));
  });

  r.post('/registry/agreements', async (req, res) => {
    const user = authorised(res, isPlatformAdmin);
    const input = parse(NewAgreementSchema, req.body);
    const at = now();
    const agreement = await uniqueOr('an agreement between this point and provider already starts on that date', () =>
      records.transaction(async (t) => {
        const missing = [];
        if (!(await t.points.get(input.pointId))) missing.push({ path: 'pointId', message: 'no such service point' });
        if (!(await t.providers.get(input.providerId))) missing.push({ path: 'providerId', message: 'no such provider' });
        if (missing.length > 0) throw new ValidationError(missing);
        await assertServicesOf(t, input.providerId, input.serviceIds);
        const created = await t.agreements.create(input, at);
        await t.audit.record(user, { action: 'agreement.created', entity: 'agreement', entityId: created.id, details: { ...input } }, at);
        return created;
      }),
    );
    res.status(201).json(agreement);
  });

  r.patch('/registry/agreements/:id', async (req, res) => {
    const { id } = parse(IdParams, req.params);
    const user = authorised(res, isPlatformAdmin);
    const patch = parse(AgreementPatchSchema, req.body);
    const at = now();
    const agreement = await uniqueOr('an agreement between this point and provider already starts on that date', () =>
      records.transaction(async (t) => {
        const current = found(await t.agreements.get(id), 'agreement');
        const validFrom = patch.validFrom ?? current.validFrom;
        const validTo = patch.validTo === undefined ? current.validTo : patch.validTo;
        if (validTo !== null && validTo < validFrom) throw new ValidationError([{ path: 'validTo', message: 'must not be before the start date' }]);
        if (patch.serviceIds) await assertServicesOf(t, current.providerId, patch.serviceIds);
        const updated = await t.agreements.update(id, patch, at);
        await t.audit.record(user, { action: 'agreement.updated', entity: 'agreement', entityId: id, details: { ...patch } }, at);
        return updated;
      }),
    );
    res.json(agreement);
  });

  return r;
}
