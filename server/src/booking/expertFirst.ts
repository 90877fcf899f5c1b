import type { PeerId, StaffUserId, WaitingBooking } from '@kanava/shared';

/**
 * Who is told of a waiting customer. A booked customer is first shown only to the expert of
 * their booking; when that expert has not admitted them within the window, the point's whole
 * staff is told. Walk-ins and unmatched customers go to everyone at once.
 *
 *   bookedExpertOnly(expert, until) ──windowElapsed──► pointStaff
 *          │                                              │
 *          └────────────── settled (admitted, declined, left) ──► settled
 */
export type LobbyAudience =
  | { kind: 'bookedExpertOnly'; expertId: StaffUserId; until: Date }
  | { kind: 'pointStaff' }
  | { kind: 'settled' };

export type LobbyAudienceEvent = 'windowElapsed' | 'settled';

const transitions: Record<LobbyAudience['kind'], Partial<Record<LobbyAudienceEvent, LobbyAudience['kind']>>> = {
  bookedExpertOnly: { windowElapsed: 'pointStaff', settled: 'settled' },
  pointStaff: { settled: 'settled' },
  settled: {},
};

/** The audience of a customer who starts waiting now. */
export function initialAudience(booking: WaitingBooking | undefined, now: Date, windowMs: number): LobbyAudience {
  if (!booking?.expertId || windowMs <= 0) return { kind: 'pointStaff' };
  return { kind: 'bookedExpertOnly', expertId: booking.expertId, until: new Date(now.getTime() + windowMs) };
}

/** The next audience; an event the state does not take leaves it as it is (a late timer after admission). */
export function nextAudience(a: LobbyAudience, event: LobbyAudienceEvent): LobbyAudience {
  const to = transitions[a.kind][event];
  if (!to) return a;
  return to === 'pointStaff' ? { kind: 'pointStaff' } : { kind: 'settled' };
}

/** Whether a staff member (by account; undefined for a customer or an unknown socket) is told of the customer. */
export function audienceIncludes(a: LobbyAudience, staffUserId: StaffUserId | undefined): boolean {
  return a.kind !== 'bookedExpertOnly' || a.expertId === staffUserId;
}

/**
 * The audiences of a room's waiting customers with the timers that widen them. The room asks
 * it who may see whom and tells it when a customer starts and stops waiting; `onWidened` is
 * called when a window elapsed, so the room can tell the rest of its staff.
 */
export class LobbyAudiences {
  readonly #windowMs: number;
  readonly #onWidened: (peerId: PeerId) => void;
  readonly #audiences = new Map<PeerId, LobbyAudience>();
  readonly #timers = new Map<PeerId, ReturnType<typeof setTimeout>>();

  constructor(windowMs: number, onWidened: (peerId: PeerId) => void) {
    this.#windowMs = windowMs;
    this.#onWidened = onWidened;
  }

  /** A customer starts waiting (with the booking matched to them, if any). */
  waiting(peerId: PeerId, booking: WaitingBooking | undefined, now: Date): LobbyAudience {
    const audience = initialAudience(booking, now, this.#windowMs);
    this.#audiences.set(peerId, audience);
    if (audience.kind === 'bookedExpertOnly') {
      this.#timers.set(
        peerId,
        setTimeout(() => this.#apply(peerId, 'windowElapsed'), Math.max(0, audience.until.getTime() - now.getTime())),
      );
    }
    return audience;
  }

  /** The customer was admitted, declined or left: nothing more to widen. */
  settled(peerId: PeerId): void {
    this.#apply(peerId, 'settled');
    this.#audiences.delete(peerId);
  }

  of(peerId: PeerId): LobbyAudience {
    return this.#audiences.get(peerId) ?? { kind: 'pointStaff' };
  }

  visibleTo(peerId: PeerId, staffUserId: StaffUserId | undefined): boolean {
    return audienceIncludes(this.of(peerId), staffUserId);
  }

  /** The experts who alone see someone now: everyone else gets a view without those customers. */
  reservedFor(): StaffUserId[] {
    const experts = new Set<StaffUserId>();
    for (const a of this.#audiences.values()) if (a.kind === 'bookedExpertOnly') experts.add(a.expertId);
    return [...experts];
  }

  dispose(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    this.#audiences.clear();
  }

  #apply(peerId: PeerId, event: LobbyAudienceEvent): void {
    const before = this.#audiences.get(peerId);
    if (!before) return;
    const after = nextAudience(before, event);
    if (after.kind !== 'bookedExpertOnly') {
      const timer = this.#timers.get(peerId);
      if (timer) clearTimeout(timer);
      this.#timers.delete(peerId);
    }
    this.#audiences.set(peerId, after);
    if (before.kind === 'bookedExpertOnly' && after.kind === 'pointStaff') this.#onWidened(peerId);
  }
}
