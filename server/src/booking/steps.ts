import {
  KanavaError,
  minutesOfDay,
  weekdays,
  type Account,
  type Provider,
  type Service,
  type ServiceId,
  type ServicePointId,
  type ServicePointRecord,
  type StaffUser,
  type StaffUserId,
} from '@kanava/shared';
import { advisesPoint } from '../auth/permissions.ts';
import { isUniqueViolation } from '../db/dbErrors.ts';
import { ValidationError } from '../http/routes/support.ts';
import { DateTime } from 'luxon';
import { ZONE, helsinkiDate } from '../records/time.ts';
import type { BookingRepos } from './BookingStore.ts';
import { cellsOf, isOnGrid, plusMinutes } from './grid.ts';
import { offeredOn, type CandidateSlot, type NotOffered } from './slots.ts';

/**
 * The named steps of the booking handlers (the cal.com lesson: a handler reads as a list of
 * steps, each small enough to test and to name in an error).
 */

export function requireAdvisorOf(user: StaffUser, pointId: ServicePointId): void {
  if (!advisesPoint(user, pointId)) throw new KanavaError('forbidden', 'only the point’s own advisors book at it');
}

export async function loadBookablePoint(r: BookingRepos, pointId: ServicePointId): Promise<ServicePointRecord> {
  const point = await r.points.get(pointId);
  if (!point) throw new KanavaError('notFound', 'no such service point');
  if (point.status === 'closed') throw new ValidationError([{ path: 'pointId', message: 'the point is closed' }]);
  return point;
}

/** The service, if the point's agreement covers it on that Helsinki date. */
export async function serviceOfferedAt(
  r: BookingRepos,
  pointId: ServicePointId,
  serviceId: ServiceId,
  date: string,
): Promise<{ service: Service; provider: Provider }> {
  const service = await r.services.get(serviceId);
  if (!service) throw new ValidationError([{ path: 'serviceId', message: 'no such service' }]);
  const agreements = await r.agreements.validOn(date, { pointId, providerIds: [service.providerId] });
  if (!agreements.some((a) => a.serviceIds.includes(serviceId))) {
    throw new ValidationError([{ path: 'serviceId', message: `the point’s agreement does not cover this service on ${date}` }]);
  }
  const provider = await r.providers.get(service.providerId);
  if (!provider) throw new ValidationError([{ path: 'serviceId', message: 'the service has no provider' }]);
  return { service, provider };
}

export async function expertOf(r: BookingRepos, expertId: StaffUserId, providerId: Provider['id'], path = 'expertId'): Promise<Account> {
  const account = await r.accounts.get(expertId);
  if (!account || account.disabled || !account.roles.some((x) => x.kind === 'expert' && x.providerId === providerId)) {
    throw new ValidationError([{ path, message: 'not an expert of the service’s provider' }]);
  }
  return account;
}

export function assertFutureOnGrid(startsAt: Date, now: Date, path = 'startsAt'): void {
  if (Number.isNaN(startsAt.getTime())) throw new ValidationError([{ path, message: 'not a time' }]);
  if (startsAt.getTime() <= now.getTime()) throw new ValidationError([{ path, message: 'the time is in the past' }]);
  if (!isOnGrid(startsAt)) throw new ValidationError([{ path, message: 'not a slot start (slots start on 5-minute marks)' }]);
}

const notOfferedText: Record<NotOffered, string> = {
  noRule: 'outside the bookable times of this service and expert',
  exception: 'the expert is not available then (holiday or absence)',
  closed: 'the point is closed then',
};

/** The slot the rules offer at exactly this start for this expert, or a 400 saying why not. */
export async function offeredSlot(
  r: BookingRepos,
  a: { point: ServicePointRecord; service: Service; expertId: StaffUserId; startsAt: Date },
  path = 'startsAt',
): Promise<CandidateSlot> {
  const date = helsinkiDate(a.startsAt);
  const rules = (await r.times.rules({ serviceId: a.service.id })).filter((x) => x.expertId === a.expertId);
  const exceptions = await r.times.exceptions(a.service.providerId, { from: date, to: date });
  const { slots } = offeredOn(date, rules, exceptions, a.point.openingHours);
  const slot = slots.find((s) => s.expertId === a.expertId && s.startsAt.getTime() === a.startsAt.getTime());
  if (slot) return slot;
  // Why not: the rules that cover this wall-clock time tell whether it is a rule's time at all.
  const local = DateTime.fromJSDate(a.startsAt, { zone: ZONE });
  const minute = local.hour * 60 + local.minute;
  const covering = rules.filter((x) => x.weekday === weekdays[local.weekday - 1] && minutesOfDay(x.from) <= minute && minute < minutesOfDay(x.to));
  const { reasons } = offeredOn(date, covering, exceptions, a.point.openingHours);
  const why = covering.length === 0 ? 'noRule' : (['exception', 'closed'] as const).find((k) => reasons.has(k));
  throw new ValidationError([{ path, message: `not a bookable time: ${why ? notOfferedText[why] : 'not a slot start of the rules'}` }]);
}

/**
 * Occupies the slot's cells for the booking. The database decides: a lapsed hold in the way
 * is let go first, then the insert either succeeds or meets the primary key, which is the
 * clear "slot taken" for everyone but the first.
 */
export async function occupySlot(r: BookingRepos, bookingId: string, slot: CandidateSlot, now: Date): Promise<void> {
  const cells = cellsOf(slot.startsAt, plusMinutes(slot.endsAt, slot.bufferMinutes));
  await r.bookings.expireLapsedHolds(slot.expertId, cells, now);
  try {
    await r.bookings.claim(bookingId, slot.expertId, cells);
  } catch (err) {
    if (isUniqueViolation(err)) throw new KanavaError('slotTaken', 'slot taken: someone booked this time first; pick another time');
    throw err;
  }
}
