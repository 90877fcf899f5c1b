import express, { type Router } from 'express';
import { DateTime } from 'luxon';
import { z } from 'zod';
import {
  ClassifyEventSchema,
  KanavaError,
  PointEventsQuerySchema,
  RateConnectionSchema,
  ServicePointIdSchema,
  ServiceSessionIdSchema,
  type ServiceEvent,
  type ServiceEventDetail,
  type StaffUser,
} from '@kanava/shared';
import { advisesPoint, isPlatformAdmin, providersServedBy } from '../auth/permissions.ts';
import { AuditLog } from '../db/AuditLog.ts';
import { authorised, found, parse, signedIn, ValidationError } from '../http/routes/support.ts';
import { helsinkiDate, ZONE } from '../records/time.ts';
import type { EventsContext } from './context.ts';
import { mayClassifyEvent, mayReadEvent, staffRatingRole } from './eventAccess.ts';
import { ServiceEventRepository } from './ServiceEventRepository.ts';

const IdParams = z.object({ id: ServiceSessionIdSchema });
const PointParams = z.object({ pointId: ServicePointIdSchema });

/** One event with what may be done with it; the advisor's events of a day; classification and staff ratings. */
export function eventRoutes(ctx: EventsContext): Router {
  const r = express.Router();
  const events = new ServiceEventRepository(ctx.db);

  const readable = async (user: StaffUser, id: string): Promise<ServiceEvent> => {
    const event = found(await events.get(parse(IdParams, { id }).id), 'service event');
    if (!mayReadEvent(user, event)) throw new KanavaError('forbidden', 'you do not have the right to see this service event');
    return event;
  };

  r.get('/service-events/:id', async (req, res) => {
    const user = signedIn(res);
    const event = await readable(user, parse(IdParams, req.params).id);
    const detail: ServiceEventDetail = {
      event,
      choices: await choicesFor(ctx, event),
      mayClassify: mayClassifyEvent(user, event),
      mayRate: staffRatingRole(user, event) !== undefined,
    };
    res.json(detail);
  });

  r.put('/service-events/:id/classification', async (req, res) => {
    const user = signedIn(res);
    const event = await readable(user, parse(IdParams, req.params).id);
    if (!mayClassifyEvent(user, event)) throw new KanavaError('forbidden', 'only the expert or the point’s advisor classifies a service event');
    const body = parse(ClassifyEventSchema, req.body);
    const choice = (await choicesFor(ctx, event)).find((c) => c.service.id === body.serviceId);
    if (!choice) throw new ValidationError([{ path: 'serviceId', message: 'not a service of this provider at this point' }]);
    if (event.provider === null && !advisesPoint(user, event.point.id) && !providersServedBy(user).includes(choice.service.providerId)) {
      throw new ValidationError([{ path: 'serviceId', message: 'not a service of your provider' }]);
    }
    if (!choice.classifications.some((c) => c.code === body.code)) {
      throw new ValidationError([{ path: 'code', message: 'not one of the service’s classifications' }]);
    }
    const at = ctx.now();
    await ctx.db.transaction().execute(async (tx) => {
      // What it was, read in the same transaction as the change: the audit entry's "from" is exact.
      const before = await new ServiceEventRepository(tx).row(event.id);
      await new ServiceEventRepository(tx).classify(event.id, { providerId: choice.service.providerId, serviceId: body.serviceId, code: body.code, note: body.note, byName: user.displayName }, at);
      await new AuditLog(tx).record(
        user,
        {
          action: before?.classification_code ? 'serviceEvent.reclassified' : 'serviceEvent.classified',
          entity: 'serviceEvent',
          entityId: event.id,
          details: {
            from: before?.classification_code ? { serviceId: before.service_id, code: before.classification_code, note: before.classification_note } : null,
            to: { serviceId: body.serviceId, code: body.code, note: body.note },
          },
        },
        at,
      );
    });
    res.json(await events.get(event.id));
  });

  r.put('/service-events/:id/connection-rating', async (req, res) => {
    const user = signedIn(res);
    const event = await readable(user, parse(IdParams, req.params).id);
    const role = staffRatingRole(user, event);
    if (!role) throw new KanavaError('forbidden', 'only the expert and the point’s advisors rate the connection');
    const { rating } = parse(RateConnectionSchema, req.body);
    await events.rate({ eventId: event.id, accountId: user.id, name: user.displayName, role, rating }, ctx.now());
    res.json(await events.get(event.id));
  });

  /** The point's events of a Helsinki day, for its advisors: the unclassified ones are flagged there. */
  r.get('/points/:pointId/service-events', async (req, res) => {
    const { pointId } = parse(PointParams, req.params);
    authorised(res, (u) => isPlatformAdmin(u) || advisesPoint(u, pointId));
    const date = parse(PointEventsQuerySchema, req.query).date ?? helsinkiDate(ctx.now());
    const from = DateTime.fromISO(date, { zone: ZONE }).startOf('day');
    res.json({ date, events: await events.listForPoint(pointId, from.toJSDate(), from.plus({ days: 1 }).toJSDate()) });
  });

  return r;
}

/** The services the event may be classified under: offered at the point on its day, of its provider when known. */
async function choicesFor(ctx: EventsContext, event: ServiceEvent): Promise<ServiceEventDetail['choices']> {
  const { agreements, services } = ctx.records.repos;
  const valid = await agreements.validOn(helsinkiDate(new Date(event.admittedAt)), event.provider ? { pointId: event.point.id, providerIds: [event.provider.id] } : { pointId: event.point.id });
  const ids = [...new Set(valid.flatMap((a) => a.serviceIds))];
  if (event.service && !ids.includes(event.service.id)) ids.push(event.service.id);
  const list = await services.getMany(ids);
  return list
    .filter((s) => !event.provider || s.providerId === event.provider.id)
    .map((s) => ({ service: { id: s.id, providerId: s.providerId, nameFi: s.nameFi, nameSv: s.nameSv, nameEn: s.nameEn }, classifications: s.classifications }));
}
