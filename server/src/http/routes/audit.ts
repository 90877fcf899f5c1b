import express, { type Router } from 'express';
import { z } from 'zod';
import { isPlatformAdmin } from '../../auth/permissions.ts';
import type { RouteContext } from './index.ts';
import { authorised, parse } from './support.ts';

const Query = z.object({
  entity: z.enum(['point', 'provider', 'service', 'agreement', 'account', 'serviceEvent']).optional(),
  entityId: z.string().max(128).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** Who changed what and when: platform admins only. */
export function auditRoutes({ records }: RouteContext): Router {
  const r = express.Router();
  r.get('/registry/audit', async (req, res) => {
    authorised(res, isPlatformAdmin);
    res.json(await records.repos.audit.list(parse(Query, req.query)));
  });
  return r;
}
