import type { z } from 'zod';
import type { FreeSlot, SlotQuerySchema, StaffUser } from '@kanava/shared';
import { ValidationError } from '../../http/routes/support.ts';
import { helsinkiDate } from '../../records/time.ts';
import type { BookingContext } from '../context.ts';
import { plusMinutes } from '../grid.ts';
import { candidateSlotsOn, datesFrom, isFree, startOfDate } from '../slots.ts';
import { loadBookablePoint, requireAdvisorOf } from '../steps.ts';

/**
 * The free slots of a service at a point: what the rules offer on each date the point's
 * agreement covers it, within opening hours, minus what is taken or past. Read without a
 * lock: the booking itself is decided by the database.
 */
export async function findFreeSlots(ctx: BookingContext, user: StaffUser, q: z.output<typeof SlotQuerySchema>): Promise<FreeSlot[]> {
  requireAdvisorOf(user, q.pointId);
  const r = ctx.store.repos;
  const now = ctx.now();
  const point = await loadBookablePoint(r, q.pointId);
  const service = await r.services.get(q.serviceId);
  if (!service) throw new ValidationError([{ path: 'serviceId', message: 'no such service' }]);
  const dates = datesFrom(q.from < helsinkiDate(now) ? helsinkiDate(now) : q.from, q.days);
  const first = dates[0] ?? q.from;
  const last = dates[dates.length - 1] ?? q.from;
  const agreements = await r.agreements.validOn(first, { pointId: q.pointId, providerIds: [service.providerId] });
  const laterAgreements = last === first ? agreements : await r.agreements.list({ pointId: q.pointId, providerId: service.providerId });
  const covered = (date: string) =>
    [...agreements, ...laterAgreements].some((a) => a.serviceIds.includes(service.id) && a.validFrom <= date && (a.validTo === null || a.validTo >= date));
  const rules = await r.times.rules({ serviceId: service.id });
  const exceptions = await r.times.exceptions(service.providerId, { from: first, to: last });
  const experts = [...new Set(rules.map((x) => x.expertId))];
  // Only experts who still serve the provider are offered (a rule outlives a role change).
  const accounts = await Promise.all(experts.map((id) => r.accounts.get(id)));
  const serving = accounts.filter((a) => a && !a.disabled && a.roles.some((x) => x.kind === 'expert' && x.providerId === service.providerId));
  const names = new Map(serving.flatMap((a) => (a ? [[a.id, a.displayName] as const] : [])));
  const busy = await r.bookings.busyCells(experts, startOfDate(first), plusMinutes(startOfDate(last), 26 * 60));
  const free: FreeSlot[] = [];
  for (const date of dates) {
    if (!covered(date)) continue;
    for (const slot of candidateSlotsOn(date, rules, exceptions, point.openingHours)) {
      const expertName = names.get(slot.expertId);
      if (expertName === undefined || slot.startsAt.getTime() <= now.getTime() || !isFree(slot, busy)) continue;
      free.push({ startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString(), expertId: slot.expertId, expertName });
    }
  }
  return free;
}
