import express, { type Router } from 'express';
import { z } from 'zod';
import {
  AgendaQuerySchema,
  BookingLinkQuerySchema,
  BookingIdSchema,
  CancelBookingSchema,
  ConfirmBookingSchema,
  DayViewQuerySchema,
  NewHoldSchema,
  NewWalkInSchema,
  RescheduleBookingSchema,
  ServicePointIdSchema,
  SlotQuerySchema,
} from '@kanava/shared';
import type { BookingContext } from '../../booking/context.ts';
import { cancelBooking } from '../../booking/handlers/cancelBooking.ts';
import { confirmBooking } from '../../booking/handlers/confirmBooking.ts';
import { createHold } from '../../booking/handlers/createHold.ts';
import { dayView } from '../../booking/handlers/dayView.ts';
import { expertAgenda } from '../../booking/handlers/expertAgenda.ts';
import { findFreeSlots } from '../../booking/handlers/findFreeSlots.ts';
import { getBooking } from '../../booking/handlers/getBooking.ts';
import { homeLinkStatus } from '../../booking/handlers/homeLinkStatus.ts';
import { markArrived } from '../../booking/handlers/markArrived.ts';
import { markNoShow } from '../../booking/handlers/markNoShow.ts';
import { registerWalkIn } from '../../booking/handlers/registerWalkIn.ts';
import { rescheduleBooking } from '../../booking/handlers/rescheduleBooking.ts';
import { parse, signedIn } from './support.ts';

const IdParams = z.object({ id: BookingIdSchema });
const PointParams = z.object({ pointId: ServicePointIdSchema });

/** Free slots, bookings and their lifecycle, the advisor's day and the expert's agenda: one handler per endpoint. */
export function bookingRoutes(ctx: BookingContext): Router {
  const r = express.Router();

  r.get('/booking/slots', async (req, res) => {
    const user = signedIn(res);
    res.json(await findFreeSlots(ctx, user, parse(SlotQuerySchema, req.query)));
  });

  r.post('/booking/holds', async (req, res) => {
    const user = signedIn(res);
    res.status(201).json(await createHold(ctx, user, parse(NewHoldSchema, req.body)));
  });

  r.get('/booking/bookings/:id', async (req, res) => {
    const user = signedIn(res);
    res.json(await getBooking(ctx, user, parse(IdParams, req.params).id));
  });

  r.post('/booking/bookings/:id/confirm', async (req, res) => {
    const user = signedIn(res);
    const { id } = parse(IdParams, req.params);
    const body = parse(ConfirmBookingSchema, req.body);
    res.json(await confirmBooking(ctx, user, id, body.customer, body.fromHome));
  });

  r.post('/booking/bookings/:id/cancel', async (req, res) => {
    const user = signedIn(res);
    const { id } = parse(IdParams, req.params);
    res.json(await cancelBooking(ctx, user, id, parse(CancelBookingSchema, req.body).reason));
  });

  r.post('/booking/bookings/:id/reschedule', async (req, res) => {
    const user = signedIn(res);
    const { id } = parse(IdParams, req.params);
    res.status(201).json(await rescheduleBooking(ctx, user, id, parse(RescheduleBookingSchema, req.body)));
  });

  r.post('/booking/bookings/:id/arrive', async (req, res) => {
    const user = signedIn(res);
    res.json(await markArrived(ctx, user, parse(IdParams, req.params).id));
  });

  r.post('/booking/bookings/:id/no-show', async (req, res) => {
    const user = signedIn(res);
    res.json(await markNoShow(ctx, user, parse(IdParams, req.params).id));
  });

  r.get('/booking/points/:pointId/day', async (req, res) => {
    const user = signedIn(res);
    const { pointId } = parse(PointParams, req.params);
    res.json(await dayView(ctx, user, pointId, parse(DayViewQuerySchema, req.query).date));
  });

  r.post('/booking/points/:pointId/walk-ins', async (req, res) => {
    const user = signedIn(res);
    const { pointId } = parse(PointParams, req.params);
    res.status(201).json(await registerWalkIn(ctx, user, pointId, parse(NewWalkInSchema, req.body).serviceId));
  });

  // A customer at home opens their personal link: no sign-in, the token is the proof (POST: it stays out of access logs).
  r.post('/booking/links/status', async (req, res) => {
    res.json(await homeLinkStatus(ctx, parse(BookingLinkQuerySchema, req.body).token));
  });

  r.get('/booking/agenda', async (req, res) => {
    const user = signedIn(res);
    const q = parse(AgendaQuerySchema, req.query);
    res.json(await expertAgenda(ctx, user, q.from, q.days));
  });

  return r;
}
