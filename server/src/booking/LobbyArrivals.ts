import {
  BookingIdSchema,
  type Arrival,
  type BookingId,
  type BookingLinkStatus,
  type PeerId,
  type PointSlug,
  type ServicePointId,
  type WaitingBooking,
} from '@kanava/shared';
import type { Logger } from '../logger.ts';
import type { BookingStore } from './BookingStore.ts';
import { nextBookingState } from './bookingLifecycle.ts';
import type { LinkTokens } from './links/linkTokens.ts';
import { readLinkStatus, type ReadLinkStatus } from './links/readLinkStatus.ts';

/** What a personal link lets its holder do at a point now: wait for their booking, or why not. */
export type HomeLinkCheck = { ok: true; bookingId: BookingId; pointId: ServicePointId } | { ok: false; status: Exclude<BookingLinkStatus['status'], 'open'> };

/** How the lobby learns which booking a waiting customer belongs to (implemented by the booking module). */
export interface ArrivalMatcher {
  /** Matches a customer who starts waiting at a point to the latest unmatched arrival there. */
  claimFor(pointId: ServicePointId, peerId: PeerId): Promise<WaitingBooking | undefined>;
  /** The customer was admitted: a booked customer's booking is now served. */
  admitted(pointId: ServicePointId, peerId: PeerId): Promise<void>;
  /** Whether a personal link (a customer at home) opens this point's lobby now. */
  checkHomeLink(pointSlug: PointSlug, token: string): Promise<HomeLinkCheck>;
  /** The holder of a checked personal link starts waiting: their booking has arrived, and the staff see it. */
  claimHome(pointId: ServicePointId, peerId: PeerId, bookingId: BookingId): Promise<WaitingBooking | undefined>;
}

export const noArrivals: ArrivalMatcher = {
  async claimFor() {
    return undefined;
  },
  async admitted() {},
  async checkHomeLink() {
    return { ok: false, status: 'unknown' };
  },
  async claimHome() {
    return undefined;
  },
};

/** A customer waiting with no booking or walk-in shown yet. */
export interface UnmatchedCustomer {
  pointId: ServicePointId;
  peerId: PeerId;
  since: Date;
}

/** The lobby of this server node as the booking module sees it: who waits unmatched, and showing a booking on their entry. */
export interface WaitingLobby {
  /** Customers waiting unmatched (at one point, or at every point of this node), the one who began waiting last first. */
  unmatched(pointId?: ServicePointId): UnmatchedCustomer[];
  /** Shows the booking on a waiting customer's lobby entry (false when they are no longer waiting). */
  attach(pointId: ServicePointId, peerId: PeerId, booking: WaitingBooking): boolean;
}

/** An arrival older than this is not matched: the customer marked in the morning is not the one at the kiosk after lunch. */
const FRESH_FOR_MS = 2 * 60 * 60_000;

/**
 * How often a node looks for arrivals marked for its unmatched waiting customers. The node
 * that takes the advisor's request matches at once when it holds the room; with several
 * server nodes the room may live on another one, which finds the arrival on this sweep.
 */
export const ARRIVAL_SWEEP_MS = 3_000;
const JOINING_MARGIN_MS = 10_000;

/**
 * The simplest association that is right at a point with one kiosk: the advisor marks a
 * customer arrived (or registers a walk-in) and seats them at the kiosk, so the next customer
 * who starts waiting there is the most recently marked one not yet matched — and when the
 * customer was seated before the advisor marked them, the customer who waits unmatched is
 * matched at the marking. A customer at home brings their booking with their personal link.
 */
export class LobbyArrivals implements ArrivalMatcher {
  readonly #store: BookingStore;
  readonly #log: Logger;
  readonly #now: () => Date;
  readonly #tokens: LinkTokens;
  readonly #linkOpensMinutes: number;
  #lobby: WaitingLobby | undefined;
  #sweep: ReturnType<typeof setInterval> | undefined;
  #sweeping = false;

  constructor(o: { store: BookingStore; log: Logger; tokens: LinkTokens; linkOpensMinutes: number; now?: () => Date }) {
    this.#store = o.store;
    this.#log = o.log;
    this.#tokens = o.tokens;
    this.#linkOpensMinutes = o.linkOpensMinutes;
    this.#now = o.now ?? (() => new Date());
  }

  /** The rooms are made after the booking module; the composition root connects them (and the sweep starts). */
  connectLobby(lobby: WaitingLobby, sweepMs = ARRIVAL_SWEEP_MS): void {
    this.#lobby = lobby;
    this.stop();
    if (sweepMs <= 0) return;
    this.#sweep = setInterval(() => void this.sweep(), sweepMs);
    this.#sweep.unref();
  }

  stop(): void {
    if (this.#sweep) clearInterval(this.#sweep);
    this.#sweep = undefined;
  }

  /** Matches each point's newest unmatched waiting customer to an arrival marked since they began waiting (another node's request). */
  async sweep(): Promise<void> {
    const lobby = this.#lobby;
    if (!lobby || this.#sweeping) return;
    this.#sweeping = true;
    try {
      const seen = new Set<ServicePointId>();
      for (const customer of lobby.unmatched()) {
        if (seen.has(customer.pointId)) continue;
        seen.add(customer.pointId);
        await this.#matchWaiting(lobby, customer);
      }
    } finally {
      this.#sweeping = false;
    }
  }

  async claimFor(pointId: ServicePointId, peerId: PeerId, markedSince?: Date): Promise<WaitingBooking | undefined> {
    const r = this.#store.repos;
    const now = this.#now();
    try {
      const fresh = new Date(now.getTime() - FRESH_FOR_MS);
      const since = markedSince && markedSince > fresh ? markedSince : fresh;
      const arrivalId = await r.arrivals.attachLatest(pointId, peerId, since, now);
      if (!arrivalId) return undefined;
      const arrival = await r.arrivals.get(arrivalId);
      if (!arrival) return undefined;
      this.#log.info({ pointId, peerId, arrivalId, bookingId: arrival.bookingId }, 'waiting customer matched to an arrival');
      return await this.#waitingBooking(arrival, false);
    } catch (err) {
      // The lobby works without the booking: a failed match must never keep a customer out.
      this.#log.error({ err, pointId, peerId }, 'matching a waiting customer to an arrival failed');
      return undefined;
    }
  }

  /**
   * An arrival was just marked at the point. If a customer is already waiting there unmatched
   * (seated before the advisor pressed the button), the newest such customer gets it now.
   */
  async arrivalMarked(pointId: ServicePointId): Promise<void> {
    const lobby = this.#lobby;
    const customer = lobby?.unmatched(pointId)[0];
    if (lobby && customer) await this.#matchWaiting(lobby, customer);
  }

  /**
   * Only an arrival marked after the customer began waiting (an older one would have been theirs
   * at joining already), with a few seconds' margin for one marked while they were joining.
   */
  async #matchWaiting(lobby: WaitingLobby, c: UnmatchedCustomer): Promise<void> {
    const booking = await this.claimFor(c.pointId, c.peerId, new Date(c.since.getTime() - JOINING_MARGIN_MS));
    if (!booking) return;
    if (!lobby.attach(c.pointId, c.peerId, booking)) {
      this.#log.warn({ pointId: c.pointId, peerId: c.peerId }, 'the waiting customer left before the arrival was shown');
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

  async checkHomeLink(pointSlug: PointSlug, token: string): Promise<HomeLinkCheck> {
    const found = await this.linkStatus(token);
    if (found.status.status !== 'open' || !found.bookingId || !found.pointId) {
      return { ok: false, status: found.status.status === 'open' ? 'unknown' : found.status.status };
    }
    // A link opens its own booking's room only.
    if (found.status.pointSlug !== pointSlug) return { ok: false, status: 'unknown' };
    return { ok: true, bookingId: found.bookingId, pointId: found.pointId };
  }

  /** What a personal link says now (also the customer's page before the device check). */
  linkStatus(token: string): Promise<ReadLinkStatus> {
    return readLinkStatus(this.#store.repos, this.#tokens, token, this.#now(), this.#linkOpensMinutes);
  }

  async claimHome(pointId: ServicePointId, peerId: PeerId, bookingId: BookingId): Promise<WaitingBooking | undefined> {
    const now = this.#now();
    try {
      const arrivalId = await this.#store.transaction(async (r) => {
        const row = await r.bookings.row(bookingId);
        if (!row || row.point_id !== pointId) return undefined;
        // The first time in: the booking has arrived. Coming back (a dropped call) re-points the same arrival.
        if (row.state === 'confirmed' && (await r.bookings.move(bookingId, 'confirmed', nextBookingState('confirmed', 'arrive'), now))) {
          await r.audit.record(null, { action: 'booking.arrived', entity: 'booking', entityId: bookingId, details: { fromHome: true } }, now);
        }
        const existing = await r.arrivals.attachBooking(bookingId, peerId, now);
        if (existing) return existing;
        const id = crypto.randomUUID();
        await r.arrivals.insert({
          id,
          point_id: row.point_id,
          kind: 'booked',
          booking_id: row.id,
          provider_id: row.provider_id,
          service_id: row.service_id,
          arrived_at: now.toISOString(),
          marked_by: null,
          attached_peer_id: peerId,
          attached_at: now.toISOString(),
        });
        return id;
      });
      const arrival = arrivalId ? await this.#store.repos.arrivals.get(arrivalId) : undefined;
      if (!arrival) return undefined;
      this.#log.info({ pointId, peerId, bookingId }, 'customer from home waiting with their booking');
      return await this.#waitingBooking(arrival, true);
    } catch (err) {
      this.#log.error({ err, pointId, peerId, bookingId }, 'matching a customer from home to their booking failed');
      return undefined;
    }
  }

  async #waitingBooking(arrival: Arrival, fromHome: boolean): Promise<WaitingBooking> {
    const booking = arrival.bookingId ? await this.#store.repos.bookings.get(arrival.bookingId) : undefined;
    return {
      kind: arrival.kind,
      bookingId: arrival.bookingId,
      startsAt: booking?.startsAt ?? null,
      provider: { nameFi: arrival.provider.nameFi, nameSv: arrival.provider.nameSv, nameEn: arrival.provider.nameEn },
      service: { nameFi: arrival.service.nameFi, nameSv: arrival.service.nameSv, nameEn: arrival.service.nameEn },
      expertName: booking?.expert.displayName ?? null,
      expertId: booking?.expert.id ?? null,
      fromHome,
    };
  }
}
