import express, { type Router } from 'express';
import { z } from 'zod';
import { ChecklistCompletionSchema, ServicePointIdSchema } from '@kanava/shared';
import { advisesPoint, isPlatformAdmin } from '../../auth/permissions.ts';
import { PointChecklist } from '../../records/points/checklist.ts';
import type { RouteContext } from './index.ts';
import { authorised, found, parse } from './support.ts';

const IdParams = z.object({ id: ServicePointIdSchema });

/** The new-point checklist: platform admins walk a point from draft to live. */
export function checklistRoutes({ records, now, mailer, publicUrl, log }: RouteContext): Router {
  const r = express.Router();
  const checklist = new PointChecklist({ records, mailer, publicUrl, log });

  r.get('/registry/points/:id/checklist', async (req, res) => {
    const { id } = parse(IdParams, req.params);
    authorised(res, isPlatformAdmin);
    found(await records.repos.points.get(id), 'service point');
    res.json(await checklist.steps(id));
  });

  /** The latest pre-call check of the point's kiosk (null before the first): the equipment and network test. */
  r.get('/registry/points/:id/kiosk-check', async (req, res) => {
    const { id } = parse(IdParams, req.params);
    authorised(res, (u) => isPlatformAdmin(u) || advisesPoint(u, id));
    found(await records.repos.points.get(id), 'service point');
    res.setHeader('Cache-Control', 'no-store');
    res.json((await records.repos.kioskChecks.latest(id)) ?? null);
  });

  r.post('/registry/points/:id/checklist', async (req, res) => {
    const { id } = parse(IdParams, req.params);
    const user = authorised(res, isPlatformAdmin);
    const completion = parse(ChecklistCompletionSchema, req.body);
    const point = found(await records.repos.points.get(id), 'service point');
    res.json(await checklist.complete(point, completion, user, now()));
  });

  return r;
}
