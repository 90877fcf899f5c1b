import express, { type Router } from 'express';
import { z } from 'zod';
import { QualityPolicyInputSchema, ServiceIdSchema, type StoredQualityPolicy } from '@kanava/shared';
import { AuditLog } from '../db/AuditLog.ts';
import { canManageProvider, canReadProvider, isPlatformAdmin } from '../auth/permissions.ts';
import { authorised, found, parse, signedIn } from '../http/routes/support.ts';
import type { RouteContext } from '../http/routes/index.ts';
import { PLATFORM_SCOPE, QualityPolicyRepository } from './QualityPolicyRepository.ts';

const IdParams = z.object({ id: ServiceIdSchema });

/**
 * The quality policy as admins set it: the platform's default (platform admins) and each
 * service's own (its provider's admins and platform admins). A service without its own
 * answers with the default it inherits (`source` says which). Every change is audited.
 */
export function qualityPolicyRoutes({ records, now }: RouteContext): Router {
  const r = express.Router();
  const policies = () => new QualityPolicyRepository(records.db);

  r.get('/quality/policy', async (_req, res) => {
    signedIn(res);
    const stored = await policies().effective(undefined);
    res.json(stored satisfies StoredQualityPolicy);
  });

  r.put('/quality/policy', async (req, res) => {
    const user = authorised(res, isPlatformAdmin);
    const policy = parse(QualityPolicyInputSchema, req.body);
    const at = now();
    await records.db.transaction().execute(async (trx) => {
      await new QualityPolicyRepository(trx).set(PLATFORM_SCOPE, policy, user.displayName, at);
      await new AuditLog(trx).record(user, { action: 'qualityPolicy.updated', entity: 'platform', entityId: 'quality', details: { policy } }, at);
    });
    res.json(await policies().effective(undefined));
  });

  r.get('/registry/services/:id/quality-policy', async (req, res) => {
    const { id } = parse(IdParams, req.params);
    const user = signedIn(res);
    const service = found(await records.repos.services.get(id), 'service');
    authorised(res, () => canReadProvider(user, service.providerId));
    res.json(await policies().effective(id));
  });

  r.put('/registry/services/:id/quality-policy', async (req, res) => {
    const { id } = parse(IdParams, req.params);
    signedIn(res);
    const service = found(await records.repos.services.get(id), 'service');
    const user = authorised(res, (u) => canManageProvider(u, service.providerId));
    const policy = parse(QualityPolicyInputSchema, req.body);
    const at = now();
    await records.db.transaction().execute(async (trx) => {
      await new QualityPolicyRepository(trx).set(id, policy, user.displayName, at);
      await new AuditLog(trx).record(user, { action: 'qualityPolicy.updated', entity: 'service', entityId: id, details: { policy } }, at);
    });
    res.json(await policies().effective(id));
  });

  /** The service goes back to the platform's default. */
  r.delete('/registry/services/:id/quality-policy', async (req, res) => {
    const { id } = parse(IdParams, req.params);
    signedIn(res);
    const service = found(await records.repos.services.get(id), 'service');
    const user = authorised(res, (u) => canManageProvider(u, service.providerId));
    const at = now();
    await records.db.transaction().execute(async (trx) => {
      if (await new QualityPolicyRepository(trx).remove(id)) {
        await new AuditLog(trx).record(user, { action: 'qualityPolicy.removed', entity: 'service', entityId: id }, at);
      }
    });
    res.json(await policies().effective(id));
  });

  return r;
}
