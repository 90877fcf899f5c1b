import express, { type Router } from 'express';
import { z } from 'zod';
import { BookableRuleIdSchema, BookingExceptionIdSchema, NewBookableRuleSchema, NewBookingExceptionSchema, ProviderIdSchema } from '@kanava/shared';
import type { BookingContext } from '../../booking/context.ts';
import { createException } from '../../booking/handlers/createException.ts';
import { createRule } from '../../booking/handlers/createRule.ts';
import { deleteException } from '../../booking/handlers/deleteException.ts';
import { deleteRule } from '../../booking/handlers/deleteRule.ts';
import { listBookableTimes } from '../../booking/handlers/listBookableTimes.ts';
import { parse, signedIn } from './support.ts';

/** Bookable times: the provider admins' weekly rules and exceptions. */
export function bookingTimeRoutes(ctx: BookingContext): Router {
  const r = express.Router();

  r.get('/booking/providers/:providerId/times', async (req, res) => {
    const user = signedIn(res);
    const { providerId } = parse(z.object({ providerId: ProviderIdSchema }), req.params);
    res.json(await listBookableTimes(ctx, user, providerId));
  });

  r.post('/booking/rules', async (req, res) => {
    const user = signedIn(res);
    res.status(201).json(await createRule(ctx, user, parse(NewBookableRuleSchema, req.body)));
  });

  r.delete('/booking/rules/:id', async (req, res) => {
    const user = signedIn(res);
    const { id } = parse(z.object({ id: BookableRuleIdSchema }), req.params);
    await deleteRule(ctx, user, id);
    res.status(204).end();
  });

  r.post('/booking/exceptions', async (req, res) => {
    const user = signedIn(res);
    res.status(201).json(await createException(ctx, user, parse(NewBookingExceptionSchema, req.body)));
  });

  r.delete('/booking/exceptions/:id', async (req, res) => {
    const user = signedIn(res);
    const { id } = parse(z.object({ id: BookingExceptionIdSchema }), req.params);
    await deleteException(ctx, user, id);
    res.status(204).end();
  });

  return r;
}
