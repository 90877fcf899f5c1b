import { BookingIdSchema, type PeerId, type ServicePointId, type WaitingBooking } from '@kanava/shared';
import type { Logger } from '../logger.ts';
import type { BookingStore } from './BookingStore.ts';
import { nextBookingState } from './bookingLifecycle.ts';

/** How the lobby learns which booking a waiting customer belongs to (implemented by the booking module). */
export interface ArrivalMatcher {
  /** Matches a customer who starts waiting at a point to the latest unmatched arrival there. */
  claimFor(pointId: ServicePointId, peerId: PeerId): Promise<WaitingBooking | undefined>;
  /** The customer was admitted: a booked customer's booking is now served. */
  admitted(pointId: ServicePointId, peerId: PeerId): Promise<void>;
}

export const noArrivals: ArrivalMatcher = {
  async claimFor() {
    return undefined;
  },
  async admitted() {},
};

/** An arrival older than this is not matched: the customer marked in the morning is not the one at the kiosk after lunch. */
const FRESH_FOR_MS = 2 * 60 * 60_000;

/**
 * The simplest association that is right at a point with one kiosk: the advisor marks a
 * customer arrived (or registers a walk-in) and seats them at the kiosk, so the next customer
 * who starts waiting there is the most recently marked one not yet matched.
 */
export class LobbyArrivals implements ArrivalMatcher {
  readonly #store: BookingStore;
  readonly #log: Logger;
  readonly #now: () => Date;

  constructor(store: BookingStore, log: Logger, now: () => Date = () => new Date()) {
    this.#store = store;
    this.#log = log;
    this.#now = now;
  }

  async claimFor(pointId: ServicePointId, peerId: PeerId): Promise<WaitingBooking | undefined> {
    const r = this.#store.repos;
    const now = this.#now();
    try {
      const arrivalId = await r.arrivals.attachLatest(pointId, peerId, new Date(now.getTime() - FRESH_FOR_MS), now);
      if (!arrivalId) return undefined;
      const arrival = await r.arrivals.get(arrivalId);
      if (!arrival) return undefined;
      const booking = arrival.bookingId ? await r.bookings.get(arrival.bookingId) : undefined;
      this.#log.info({ pointId, peerId, arrivalId, bookingId: arrival.bookingId }, 'waiting customer matched to an arrival');
      return {
        kind: arrival.kind,
        bookingId: arrival.bookingId,
        startsAt: booking?.startsAt ?? null,
        provider: { nameFi: arrival.provider.nameFi, nameSv: arrival.provider.nameSv, nameEn: arrival.provider.nameEn },
        service: { nameFi: arrival.service.nameFi, nameSv: arrival.service.nameSv, nameEn: arrival.service.nameEn },
        expertName: booking?.expert.displayName ?? null,
      };
    } catch (err) {
      // The lobby works without the booking: a failed match must never keep a customer out.
      this.#log.error({ err, pointId, peerId }, 'matching a waiting customer to an arrival failed');
      return undefined;
    }
  }

  async admitted(pointId: ServicePointId, peerId: PeerId): Promise<void> {
    try {
      const now = this.#now();
      await this.#store.transaction(async (r) => {
        const bookingId = await r.arrivals.bookingOfPeer(pointId, peerId);
        if (!bookingId) return;
        if (await r.bookings.move(BookingIdSchema.parse(bookingId), 'arrived', nextBookingState('arrived', 'serve'), now)) {
          await r.audit.record(null, { action: 'booking.served', entity: 'booking', entityId: bookingId, details: { pointId } }, now);
        }
      });
    } catch (err) {
      this.#log.error({ err, pointId, peerId }, 'marking a booking served failed');
    }
  }
}
