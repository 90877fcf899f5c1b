import express, { type Router } from 'express';
import { z } from 'zod';
import {
  KanavaError,
  MAX_SERVICE_CARD_PDF_BYTES,
  ServiceCardTextSchema,
  ServiceIdSchema,
  ServicePatchSchema,
  type Service,
  type StaffUser,
} from '@kanava/shared';
import { canManageProvider, canReadProvider, pointsAdvisedBy } from '../../auth/permissions.ts';
import type { Records } from '../../records/Records.ts';
import { helsinkiDate } from '../../records/time.ts';
import type { RouteContext } from './index.ts';
import { authorised, found, parse, signedIn } from './support.ts';

const IdParams = z.object({ id: ServiceIdSchema });
const FileNameQuery = z.object({ name: z.string().trim().min(1).max(200).regex(/^[^/\\\0]+$/, 'a file name').default('service-card.pdf') });

/** An advisor reads the cards of the services offered at their points today. */
async function advisorMayRead(records: Records, user: StaffUser, service: Service, at: Date): Promise<boolean> {
  const pointIds = pointsAdvisedBy(user);
  if (pointIds.length === 0) return false;
  const date = helsinkiDate(at);
  for (const pointId of pointIds) {
    const valid = await records.repos.agreements.validOn(date, { pointId });
    if (valid.some((a) => a.serviceIds.includes(service.id))) return true;
  }
  return false;
}

/** A service's details and its service card. */
export function serviceRoutes({ records, now }: RouteContext): Router {
  const r = express.Router();
  const { services } = records.repos;

  async function readable(res: Parameters<typeof signedIn>[0], id: Service['id']): Promise<Service> {
    const user = signedIn(res);
    const service = found(await services.get(id), 'service');
    if (canReadProvider(user, service.providerId) || (await advisorMayRead(records, user, service, now()))) return service;
    throw new KanavaError('forbidden', 'you do not have the right to do this');
  }

  async function manageable(res: Parameters<typeof signedIn>[0], id: Service['id']): Promise<{ service: Service; user: StaffUser }> {
    signedIn(res);
    const service = found(await services.get(id), 'service');
    const user = authorised(res, (u) => canManageProvider(u, service.providerId));
    return { service, user };
  }

  r.patch('/registry/services/:id', async (req, res) => {
    const { id } = parse(IdParams, req.params);
    const { user } = await manageable(res, id);
    const patch = parse(ServicePatchSchema, req.body);
    const at = now();
    const updated = await records.transaction(async (t) => {
      const s = await t.services.update(id, patch, at);
      await t.audit.record(user, { action: 'service.updated', entity: 'service', entityId: id, details: { fields: Object.keys(patch) } }, at);
      return s;
    });
    res.json(updated);
  });

  r.get('/registry/services/:id/card', async (req, res) => {
    const { id } = parse(IdParams, req.params);
    await readable(res, id);
    res.json(await services.card(id));
  });

  r.put('/registry/services/:id/card', async (req, res) => {
    const { id } = parse(IdParams, req.params);
    const { user } = await manageable(res, id);
    const { text } = parse(ServiceCardTextSchema, req.body);
    const at = now();
    await records.transaction(async (t) => {
      await t.services.setCard(id, { kind: 'text', text }, user.id, at);
      await t.audit.record(user, { action: 'serviceCard.updated', entity: 'service', entityId: id, details: { kind: 'text' } }, at);
    });
    res.json(await services.card(id));
  });

  r.put(
    '/registry/services/:id/card/pdf',
    express.raw({ type: 'application/pdf', limit: MAX_SERVICE_CARD_PDF_BYTES }),
    async (req, res) => {
      const { id } = parse(IdParams, req.params);
      const { user } = await manageable(res, id);
      const { name } = parse(FileNameQuery, req.query);
      const bytes: unknown = req.body;
      // A PDF starts with "%PDF-": refuse anything else that claims to be one.
      if (!Buffer.isBuffer(bytes) || bytes.subarray(0, 5).toString('latin1') !== '%PDF-') {
        throw new KanavaError('badRequest', 'the file is not a PDF');
      }
      const at = now();
      await records.transaction(async (t) => {
        await t.services.setCard(id, { kind: 'pdf', fileName: name, bytes }, user.id, at);
        await t.audit.record(user, { action: 'serviceCard.updated', entity: 'service', entityId: id, details: { kind: 'pdf', fileName: name, size: bytes.length } }, at);
      });
      res.json(await services.card(id));
    },
  );

  r.get('/registry/services/:id/card/pdf', async (req, res) => {
    const { id } = parse(IdParams, req.params);
    await readable(res, id);
    const pdf = found(await services.cardPdf(id), 'service card PDF');
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `inline; filename="${encodeURIComponent(pdf.fileName)}"`);
    res.setHeader('Cache-Control', 'private, no-store');
    res.send(pdf.bytes);
  });

  return r;
}
