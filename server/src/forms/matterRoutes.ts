import express, { type Router } from 'express';
import { z } from 'zod';
import { KanavaError, MatterIdSchema } from '@kanava/shared';
import { sendPdf } from '../documents/documentRoutes.ts';
import type { MaterialRouteDeps } from '../documents/routes.ts';
import { parse } from '../http/routes/support.ts';
import { helsinkiTimeText } from './FormService.ts';
import { buildReceiptPdf } from './receiptPdf.ts';

const IdParams = z.object({ id: MatterIdSchema });

/** The filed PDF and the printable receipt, through the signed links handed out in the call. */
export function matterRoutes({ material, records }: MaterialRouteDeps): Router {
  const r = express.Router();

  async function matterFor(id: string, query: unknown, kind: 'matter' | 'receipt') {
    const { id: matterId } = parse(IdParams, { id });
    if (!material.links.verify(kind, matterId, query)) throw new KanavaError('forbidden', 'this link is not valid (any more)');
    const matter = await material.forms.matters.matter(matterId);
    if (!matter) throw new KanavaError('notFound', 'no such matter');
    return matter;
  }

  r.get('/matters/:id/pdf', async (req, res) => {
    const matter = await matterFor(req.params.id, req.query, 'matter');
    sendPdf(res, matter.pdf, `${matter.receiptNumber}.pdf`, 'attachment');
  });

  r.get('/matters/:id/receipt', async (req, res) => {
    const matter = await matterFor(req.params.id, req.query, 'receipt');
    const form = await material.forms.matters.get(matter.formId);
    if (!form) throw new KanavaError('notFound', 'no such matter');
    const point = await records.db
      .selectFrom('service_session')
      .innerJoin('service_point', 'service_point.id', 'service_session.point_id')
      .select('service_point.name_fi')
      .where('service_session.id', '=', matter.sessionId)
      .executeTakeFirst();
    const pdf = await buildReceiptPdf({
      receiptNumber: matter.receiptNumber,
      submittedAtText: helsinkiTimeText(matter.submittedAt),
      serviceName: form.serviceName,
      formName: form.name,
      sha256: matter.sha256,
      pointName: point?.name_fi ?? '',
    });
    sendPdf(res, pdf, `kuitti-${matter.receiptNumber}.pdf`, 'inline');
  });

  return r;
}
