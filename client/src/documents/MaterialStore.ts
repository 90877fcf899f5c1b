import type { ServiceSessionId } from '@kanava/shared';

/** What a session-material store needs to know of the call: which service session this device is in now. */
export interface SessionWatch {
  subscribe(listener: () => void): () => void;
  /** The running session this device takes part in, and how many times it has (re)entered the call; undefined outside one. */
  current(): { sessionId: ServiceSessionId; entered: number } | undefined;
}

/**
 * Follows a call's snapshot: the session counts from entering the call until it ends, through
 * a dropped connection (so a form typed in offline is kept); each return to the call counts
 * as a new entry, after which the material is fetched again.
 */
export function watchCall(subscribe: (l: () => void) => () => void, snapshot: () => { phase: string; session: { sessionId: ServiceSessionId } | null }): SessionWatch {
  let entered = 0;
  let wasInCall = false;
  const current = () => {
    const { phase, session } = snapshot();
    const inCall = phase === 'inCall';
    if (inCall && !wasInCall) entered++;
    wasInCall = inCall;
    if (!session || (phase !== 'inCall' && phase !== 'reconnecting')) return undefined;
    return { sessionId: session.sessionId, entered };
  };
  return { subscribe, current };
}

/**
 * A snapshot store (for useSyncExternalStore) of one kind of session material. It follows the
 * call: entering a session (also after a reconnect) loads the material from the server; leaving
 * it clears everything, so the next customer never sees the previous one's.
 */
export abstract class MaterialStore<S extends object> {
  readonly #listeners = new Set<() => void>();
  readonly #unsubscribe: Array<() => void> = [];
  #snapshot: S;
  #session: ServiceSessionId | undefined;
  #loadFailed = false;

  constructor(initial: S, watch: SessionWatch) {
    this.#snapshot = initial;
    let entered = 0;
    const follow = () => {
      const now = watch.current();
      if (now?.sessionId !== this.#session) {
        this.#session = now?.sessionId;
        this.clear();
      } else if (!now || now.entered === entered) return;
      entered = now?.entered ?? 0;
      if (now && now.entered > 0) this.load().then(() => (this.#loadFailed = false), () => (this.#loadFailed = true));
    };
    this.#unsubscribe.push(watch.subscribe(follow));
    follow();
  }

  get sessionId(): ServiceSessionId | undefined {
    return this.#session;
  }

  get loadFailed(): boolean {
    return this.#loadFailed;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = (): S => this.#snapshot;

  protected get snapshot(): S {
    return this.#snapshot;
  }

  protected listen(...offs: Array<() => void>): void {
    this.#unsubscribe.push(...offs);
  }

  protected update(patch: Partial<S>): void {
    this.#snapshot = { ...this.#snapshot, ...patch };
    for (const l of this.#listeners) l();
  }

  protected abstract load(): Promise<void>;
  protected abstract clear(): void;

  dispose(): void {
    for (const off of this.#unsubscribe) off();
    this.#unsubscribe.length = 0;
    this.clear();
  }
}
