import type { EventOf, RoomLiveState, WaitingBooking, WaitingCustomer } from '@kanava/shared';
import { SignallingClient } from './SignallingClient.ts';

export type DirectoryNotice =
  | { kind: 'waiting'; room: RoomLiveState; booking?: WaitingBooking | undefined }
  | { kind: 'taken'; pointSlug: string; by: string }
  | { kind: 'escalated'; event: EventOf<'lobbyEscalated'> }
  | { kind: 'advisorCalled'; event: EventOf<'advisorCalled'> };

export interface DirectorySnapshot {
  status: 'connecting' | 'live' | 'failed';
  rooms: RoomLiveState[];
}

/** A staff member's live directory of point rooms, plus the notices that must not be missed. */
export class DirectoryWatch {
  readonly #signalling = new SignallingClient();
  readonly #listeners = new Set<() => void>();
  readonly #onNotice: (notice: DirectoryNotice) => void;
  #snapshot: DirectorySnapshot = { status: 'connecting', rooms: [] };
  /** Each point's lobby as last told (it arrives just before the room's new state), for the booking of the newest customer. */
  readonly #lobbies = new Map<string, WaitingCustomer[]>();

  constructor(onNotice: (notice: DirectoryNotice) => void) {
    this.#onNotice = onNotice;
    const s = this.#signalling;
    s.on('roomStateChanged', ({ room }) => {
      const previous = this.#snapshot.rooms.find((r) => r.pointId === room.pointId);
      this.#update({ rooms: this.#snapshot.rooms.map((r) => (r.pointId === room.pointId ? room : r)) });
      if (room.waitingCount > (previous?.waitingCount ?? 0)) this.#onNotice({ kind: 'waiting', room, booking: this.#newestBooking(room.slug) });
    });
    s.on('lobbyChanged', ({ pointSlug, waiting }) => void this.#lobbies.set(pointSlug, waiting));
    s.on('customerAdmitted', ({ pointSlug, by }) => this.#onNotice({ kind: 'taken', pointSlug, by }));
    s.on('lobbyEscalated', (event) => this.#onNotice({ kind: 'escalated', event }));
    s.on('advisorCalled', (event) => this.#onNotice({ kind: 'advisorCalled', event }));
    s.socket.on('connect', () => void this.#watch());
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = (): DirectorySnapshot => this.#snapshot;

  start(): void {
    this.#signalling.connect().catch(() => this.#update({ status: 'failed' }));
  }

  stop(): void {
    this.#signalling.disconnect();
  }

  async #watch(): Promise<void> {
    try {
      const { rooms } = await this.#signalling.request('directory.watch', {});
      this.#update({ status: 'live', rooms });
      for (const room of rooms) if (room.waitingCount > 0) this.#onNotice({ kind: 'waiting', room });
    } catch {
      this.#update({ status: 'failed' });
    }
  }

  #newestBooking(slug: string): WaitingBooking | undefined {
    const waiting = [...(this.#lobbies.get(slug) ?? [])].sort((a, b) => b.since.localeCompare(a.since));
    return waiting[0]?.booking;
  }

  #update(patch: Partial<DirectorySnapshot>): void {
    this.#snapshot = { ...this.#snapshot, ...patch };
    for (const l of this.#listeners) l();
  }
}
