import type { HandlerSocket, KanavaServer } from '../signalling/context.ts';

/**
 * A socket connected to another server node, as the room's owner sees it: joins, leaves,
 * broadcasts and disconnects go through the Redis adapter by socket id; the socket's node
 * tells the owner when it went away.
 */
export class RemoteSocket implements HandlerSocket {
  readonly id: string;
  readonly #io: KanavaServer;
  readonly #onGone: (() => void)[] = [];

  constructor(io: KanavaServer, id: string) {
    this.#io = io;
    this.id = id;
  }

  join(channels: string | string[]): void {
    this.#io.in(this.id).socketsJoin(channels);
  }

  leave(channel: string): void {
    this.#io.in(this.id).socketsLeave(channel);
  }

  disconnect(): void {
    this.#io.in(this.id).disconnectSockets(true);
  }

  to(channel: string) {
    return this.#io.to(channel).except(this.id);
  }

  once(_event: 'disconnect', listener: () => void): void {
    this.#onGone.push(listener);
  }

  /** Its node said the socket disconnected (or the node itself is gone). */
  gone(): void {
    for (const listener of this.#onGone.splice(0)) listener();
  }
}
