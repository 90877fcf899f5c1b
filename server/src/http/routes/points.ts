import express, { type Router } from 'express';
import { z } from 'zod';
import { KanavaError, NewPointSchema, PointPatchSchema, PointStatusSchema, ServicePointIdSchema, type PointService } from '@kanava/shared';
import { RecordsPointAccess } from '../../access/RecordsPointAccess.ts';
import { advisesPoint, isPlatformAdmin } from '../../auth/permissions.ts';
import { assertMove } from '../../records/points/pointLifecycle.ts';
import { helsinkiDate } from '../../records/time.ts';
import type { RouteContext } from './index.ts';
import { authorised, found, parse, signedIn, uniqueOr } from './support.ts';

const IdParams = z.object({ id: ServicePointIdSchema });
const SearchQuery = z.object({ q: z.string().max(100).optional(), status: PointStatusSchema.optional() });

/** The service point registry (platform admins) and a point's own page (its advisors). */
export function pointRoutes({ records, now }: RouteContext): Router {
  const r = express.Router();
  const { points, services, providers, agreements } = records.repos;

  r.get('/registry/points', async (req, res) => {
    authorised(res, isPlatformAdmin);
    const { q, status } = parse(SearchQuery, req.query);
    res.json(await points.search({ text: q, status }));
  });

  r.post('/registry/points', async (req, res) => {
    const user = authorised(res, isPlatformAdmin);
    const input = parse(NewPointSchema, req.body);
    const at = now();
    const point = await uniqueOr(`a point with the link "${input.slug}" already exists`, () =>
      records.transaction(async (t) => {
        const created = await t.points.create(input, at);
        await t.audit.record(user, { action: 'point.created', entity: 'point', entityId: created.id, details: { slug: created.slug } }, at);
        return created;
      }),
    );
    res.status(201).json(point);
  });

  r.get('/registry/points/:id', async (req, res) => {
    const { id } = parse(IdParams, req.params);
    authorised(res, (u) => isPlatformAdmin(u) || advisesPoint(u, id));
    res.json(found(await points.get(id), 'service point'));
  });

  r.patch('/registry/points/:id', async (req, res) => {
    const { id } = parse(IdParams, req.params);
    const user = authorised(res, isPlatformAdmin);
    const patch = parse(PointPatchSchema, req.body);
    const at = now();
    const point = await records.transaction(async (t) => {
      found(await t.points.get(id), 'service point');
      const updated = await t.points.update(id, patch, at);
      await t.audit.record(user, { action: 'point.updated', entity: 'point', entityId: id, details: { fields: Object.keys(patch) } }, at);
      return updated;
    });
    res.json(point);
  });

  r.post('/registry/points/:id/close', async (req, res) => {
    const { id } = parse(IdParams, req.params);
    const user = authorised(res, isPlatformAdmin);
    const at = now();
    const point = await records.transaction(async (t) => {
      const current = found(await t.points.get(id), 'service point');
      assertMove(current.status, 'closed');
      if (!(await t.points.setStatus(id, current.status, 'closed', at))) throw new KanavaError('conflict', 'the point changed meanwhile; reload');
      await t.audit.record(user, { action: 'point.closed', entity: 'point', entityId: id, details: { from: current.status } }, at);
      return t.points.get(id);
    });
    res.json(point);
  });

  r.post('/registry/points/:id/kiosk-token', async (req, res) => {
    const { id } = parse(IdParams, req.params);
    const user = authorised(res, isPlatformAdmin);
    const at = now();
    const point = await records.transaction(async (t) => {
      found(await t.points.get(id), 'service point');
      await t.points.rotateKioskToken(id, at);
      await t.audit.record(user, { action: 'point.kioskTokenRotated', entity: 'point', entityId: id }, at);
      return t.points.get(id);
    });
    res.json(point);
  });

  /** The services offered at the point today through its agreements, for its advisors. */
  r.get('/registry/points/:id/services', async (req, res) => {
    const { id } = parse(IdParams, req.params);
    authorised(res, (u) => isPlatformAdmin(u) || advisesPoint(u, id));
    found(await points.get(id), 'service point');
    const valid = await agreements.validOn(helsinkiDate(now()), { pointId: id });
    const result: PointService[] = [];
    for (const a of valid) {
      const provider = await providers.get(a.providerId);
      if (!provider) continue;
      for (const service of await services.getMany(a.serviceIds)) result.push({ service, provider, agreementId: a.id });
    }
    res.json(result);
  });

  /** The rooms this staff member may enter as staff (advisors: their points; experts: the points their providers serve). */
  r.get('/my/points', async (_req, res) => {
    const user = signedIn(res);
    res.json(await new RecordsPointAccess(records).pointsOf(user, now()));
  });

  return r;
}
