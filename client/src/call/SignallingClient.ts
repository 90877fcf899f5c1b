import { io, type Socket } from 'socket.io-client';
import {
  KanavaError,
  PROTOCOL_VERSION,
  ackResultSchema,
  events,
  requests,
  type ClientToServerEvents,
  type EventName,
  type EventOf,
  type RequestName,
  type RequestOf,
  type ResponseOf,
  type ServerToClientEvents,
  WireErrorSchema,
} from '@kanava/shared';

const REQUEST_TIMEOUT_MS = 15_000;

type Listener<K extends EventName> = (payload: EventOf<K>) => void;

/**
 * The client end of the wire contract: typed requests whose acks are parsed,
 * and notifications parsed before anyone sees them.
 */
export class SignallingClient {
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;

  constructor(url: string = window.location.origin) {
    this.socket = io(url, {
      path: '/socket.io',
      transports: ['websocket'],
      auth: { protocolVersion: PROTOCOL_VERSION },
      reconnectionDelay: 500,
      reconnectionDelayMax: 3000,
      autoConnect: false,
    });
  }

  connect(): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onConnect = () => {
        cleanup();
        resolve();
      };
      const onError = (err: Error & { data?: unknown }) => {
        cleanup();
        const wire = WireErrorSchema.safeParse(err.data);
        reject(wire.success ? new KanavaError(wire.data.code, wire.data.message) : new KanavaError('internal', err.message));
      };
      const cleanup = () => {
        this.socket.off('connect', onConnect);
        this.socket.off('connect_error', onError);
      };
      this.socket.on('connect', onConnect);
      this.socket.on('connect_error', onError);
      this.socket.connect();
    });
  }

  async request<K extends RequestName>(name: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
    const schema = ackResultSchema(requests[name].response);
    // The typed socket cannot express "any request name"; the payload was typed by the caller.
    const untyped = this.socket.timeout(REQUEST_TIMEOUT_MS) as unknown as Socket;
    const raw = await new Promise<unknown>((resolve, reject) => {
      untyped.emit(name, payload, (err: Error | null, result: unknown) =>
        err ? reject(new KanavaError('internal', `${name}: no answer`)) : resolve(result),
      );
    });
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw new KanavaError('internal', `${name}: malformed answer`);
    if (!parsed.data.ok) throw new KanavaError(parsed.data.error.code, parsed.data.error.message);
    return parsed.data.data as ResponseOf<K>;
  }

  on<K extends EventName>(name: K, listener: Listener<K>): () => void {
    const handler = (raw: unknown) => {
      const parsed = events[name].safeParse(raw);
      if (parsed.success) listener(parsed.data as EventOf<K>);
    };
    const target = this.socket as unknown as Socket;
    const event: string = name;
    target.on(event, handler);
    return () => target.off(event, handler);
  }

  disconnect(): void {
    this.socket.disconnect();
  }
}
