import type { Booking, CustomerDetails, StaffUser } from '@kanava/shared';
import type { BookingRepos } from './BookingStore.ts';
import type { BookingRow } from './BookingRepository.ts';
import type { CandidateSlot } from './slots.ts';
import type { BookingTable } from './tables.ts';
import { BookingIdSchema, KanavaError } from '@kanava/shared';
import { advisesPoint } from '../auth/permissions.ts';
import { plusMinutes } from './grid.ts';

/** A new booking row for a slot; a reschedule passes the event it continues (same UID, next SEQUENCE). */
export function newBookingRow(a: {
  slot: CandidateSlot;
  pointId: string;
  providerId: string;
  serviceId: string;
  state: 'held' | 'confirmed';
  heldUntil: Date | null;
  customer: CustomerDetails | null;
  bookedBy: StaffUser;
  now: Date;
  continues?: BookingRow;
}): BookingTable {
  const id = crypto.randomUUID();
  const at = a.now.toISOString();
  return {
    id,
    ical_uid: a.continues?.ical_uid ?? `${id}@kanava`,
    sequence: a.continues ? a.continues.sequence + 1 : 0,
    point_id: a.pointId,
    provider_id: a.providerId,
    service_id: a.serviceId,
    expert_id: a.slot.expertId,
    starts_at: a.slot.startsAt.toISOString(),
    ends_at: a.slot.endsAt.toISOString(),
    buffer_minutes: a.slot.bufferMinutes,
    state: a.state,
    held_until: a.heldUntil?.toISOString() ?? null,
    customer_name: a.customer?.name ?? null,
    customer_contact: a.customer?.contact ?? null,
    customer_note: a.customer?.note ?? null,
    booked_by: a.bookedBy.id,
    cancel_reason: null,
    rescheduled_from: a.continues?.id ?? null,
    rescheduled_to: null,
    created_at: at,
    updated_at: at,
  };
}

/** The booking, which must exist (it was just written in this transaction). */
export async function reread(r: BookingRepos, id: string): Promise<Booking> {
  const booking = await r.bookings.get(BookingIdSchema.parse(id));
  if (!booking) throw new Error(`booking ${id} vanished inside its own transaction`);
  return booking;
}

/** The invitation now; the reminder `reminderMinutes` before the start, unless that is already past. */
export async function scheduleInvitation(r: BookingRepos, row: BookingTable, reminderMinutes: number, now: Date): Promise<void> {
  await r.mail.enqueue({ bookingId: row.id, kind: 'request', sequence: row.sequence, dueAt: now }, now);
  const remindAt = plusMinutes(new Date(row.starts_at), -reminderMinutes);
  if (reminderMinutes > 0 && remindAt.getTime() > now.getTime()) {
    await r.mail.enqueue({ bookingId: row.id, kind: 'reminder', sequence: row.sequence, dueAt: remindAt }, now);
  }
}

/** Who sees a booking (and its customer's details): the point's advisors and the booking's expert. */
export function maySee(user: StaffUser, row: BookingRow): boolean {
  return advisesPoint(user, row.point_id) || user.id === row.expert_id;
}

export function requireSeen(user: StaffUser, row: BookingRow | undefined): BookingRow {
  if (!row) throw new KanavaError('notFound', 'no such booking');
  if (!maySee(user, row)) throw new KanavaError('forbidden', 'only the point’s advisors and the booking’s expert see a booking');
  return row;
}
