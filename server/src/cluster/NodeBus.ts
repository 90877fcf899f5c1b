import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { KanavaError, StaffUserSchema, type AckResult, type StaffUser } from '@kanava/shared';
import type { Logger } from '../logger.ts';
import type { ClusterRedis } from './redis.ts';

/** A socket's request, run by the room's owner on behalf of the node the socket is connected to. */
export interface ForwardedRequest {
  from: string;
  socketId: string;
  /** The staff member the socket's node resolved from the session cookie (nodes trust each other). */
  staff: StaffUser | undefined;
  name: string;
  payload: unknown;
}

const MessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('request'), id: z.string(), from: z.string(), socketId: z.string(), staff: StaffUserSchema.optional(), name: z.string(), payload: z.unknown().optional() }),
  z.object({ type: z.literal('reply'), id: z.string(), result: z.unknown().optional() }),
  z.object({ type: z.literal('dropped'), from: z.string(), socketId: z.string() }),
  z.object({ type: z.literal('ping') }),
]);
type Message = z.infer<typeof MessageSchema>;

/** JSON that keeps binary payloads (form sync messages) as bytes. */
function encode(message: Message): string {
  return JSON.stringify(message, function (this: Record<string, unknown>, key, value: unknown) {
    const raw = this[key];
    return raw instanceof Uint8Array ? { $bin: Buffer.from(raw).toString('base64') } : value;
  });
}
function decode(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const bin = (value as Record<string, unknown>).$bin;
      if (typeof bin === 'string' && Object.keys(value).length === 1) return Buffer.from(bin, 'base64');
    }
    return value;
  });
}

const channelOf = (nodeId: string) => `kanava:node:${nodeId}`;

export interface NodeBusHandlers {
  request(req: ForwardedRequest): Promise<AckResult<unknown>>;
  dropped(from: string, socketId: string): void;
}

/**
 * Node-to-node messages over Redis pub/sub: a request with an id answered by a reply (or a
 * timeout), a socket that went away, and a ping whose subscriber count tells whether a node lives.
 */
export class NodeBus {
  readonly nodeId: string;
  readonly #redis: ClusterRedis;
  readonly #log: Logger;
  readonly #timeoutMs: number;
  readonly #pending = new Map<string, (result: AckResult<unknown>) => void>();
  #handlers: NodeBusHandlers | undefined;
  readonly #onMessage = (channel: string, text: string) => {
    if (channel !== channelOf(this.nodeId)) return;
    let message: Message;
    try {
      message = MessageSchema.parse(decode(text));
    } catch (err) {
      this.#log.warn({ err }, 'unreadable node message dropped');
      return;
    }
    this.#received(message);
  };

  constructor(redis: ClusterRedis, nodeId: string, log: Logger, timeoutMs: number) {
    this.#redis = redis;
    this.nodeId = nodeId;
    this.#log = log;
    this.#timeoutMs = timeoutMs;
  }

  async start(handlers: NodeBusHandlers): Promise<void> {
    this.#handlers = handlers;
    this.#redis.sub.on('message', this.#onMessage);
    await this.#redis.sub.subscribe(channelOf(this.nodeId));
  }

  async stop(): Promise<void> {
    this.#redis.sub.off('message', this.#onMessage);
    await this.#redis.sub.unsubscribe(channelOf(this.nodeId)).catch(() => undefined);
    for (const [id, settle] of this.#pending) {
      this.#pending.delete(id);
      settle(unavailable('this server node is stopping'));
    }
  }

  /** Runs a request on another node; a node that is gone or silent answers `unavailable`. */
  async request(to: string, req: Omit<ForwardedRequest, 'from'>): Promise<AckResult<unknown>> {
    const id = randomUUID();
    const answer = new Promise<AckResult<unknown>>((resolve) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        resolve(unavailable('the server node holding this room did not answer'));
      }, this.#timeoutMs);
      this.#pending.set(id, (result) => {
        clearTimeout(timer);
        this.#pending.delete(id);
        resolve(result);
      });
    });
    const receivers = await this.#publish(to, { type: 'request', id, from: this.nodeId, ...req }).catch(() => 0);
    if (receivers === 0) this.#pending.get(id)?.(unavailable('the server node holding this room is gone'));
    return answer;
  }

  /** Whether a node is subscribed now (it lives and is connected to Redis). */
  async alive(nodeId: string): Promise<boolean> {
    return (await this.#publish(nodeId, { type: 'ping' })) > 0;
  }

  async dropped(to: string, socketId: string): Promise<void> {
    await this.#publish(to, { type: 'dropped', from: this.nodeId, socketId });
  }

  #publish(to: string, message: Message): Promise<number> {
    // The adapter's publishing connection: what this node sends reaches the other in order.
    return this.#redis.pub.publish(channelOf(to), encode(message));
  }

  #received(message: Message): void {
    const handlers = this.#handlers;
    if (!handlers) return;
    switch (message.type) {
      case 'reply':
        this.#pending.get(message.id)?.(message.result as AckResult<unknown>);
        return;
      case 'dropped':
        handlers.dropped(message.from, message.socketId);
        return;
      case 'ping':
        return;
      case 'request': {
        const { id, from, socketId, name, payload } = message;
        handlers
          .request({ from, socketId, staff: message.staff, name, payload })
          .catch((err: unknown) => {
            this.#log.error({ err, request: name }, 'forwarded request failed');
            return unavailable('something went wrong on the server');
          })
          .then((result) => this.#publish(from, { type: 'reply', id, result }))
          .catch((err: unknown) => this.#log.warn({ err }, 'reply to a forwarded request not sent'));
        return;
      }
    }
  }
}

export function unavailable(message: string): AckResult<never> {
  return { ok: false, error: new KanavaError('unavailable', message).toWire() };
}
