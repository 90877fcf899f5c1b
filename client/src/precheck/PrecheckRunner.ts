import {
  KanavaError,
  assessPrecheck,
  type CameraCheck,
  type MicrophoneCheck,
  type NetworkFigures,
  type PointSlug,
  type PrecheckId,
  type PrecheckVerdict,
  type QualityPolicy,
} from '@kanava/shared';
import { SignallingClient } from '../call/SignallingClient.ts';
import { checkCamera, checkMicrophone } from './deviceCheck.ts';
import { runNetworkCheck, type NetworkStep } from './networkCheck.ts';
import { rememberPrecheck } from './precheckStore.ts';

/** A finished check as this device knows it; the server judges it again when it is submitted. */
export interface LocalPrecheck {
  precheckId: PrecheckId;
  durationMs: number;
  camera: CameraCheck;
  microphone: MicrophoneCheck;
  network: NetworkFigures;
  verdict: PrecheckVerdict;
  policy: QualityPolicy;
}

export type PrecheckFailure = 'unreachable' | 'busy' | 'failed';

/**
 * The check's lifecycle on this device. It runs once the camera and microphone are open;
 * `done` and `failed` are final until the person asks to check again.
 */
export type PrecheckState =
  | { kind: 'idle' }
  | { kind: 'running'; step: NetworkStep; startedAt: number }
  | { kind: 'done'; result: LocalPrecheck }
  | { kind: 'failed'; reason: PrecheckFailure };

/** Runs the device and network check for one point; a small store for React (subscribe/getSnapshot). */
export class PrecheckRunner {
  readonly #slug: PointSlug;
  readonly #listeners = new Set<() => void>();
  #state: PrecheckState = { kind: 'idle' };
  #abort: AbortController | undefined;
  #settled: Promise<void> = Promise.resolve();

  constructor(slug: PointSlug) {
    this.#slug = slug;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = (): PrecheckState => this.#state;

  /** Resolves when the running check (if any) has finished, whatever its outcome. */
  settled(): Promise<void> {
    return this.#settled;
  }

  start(stream: MediaStream): void {
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    this.#settled = this.#run(stream, abort.signal);
  }

  /** Stops the check (the page is going away); the SFU closes its side when the socket goes. */
  cancel(): void {
    this.#abort?.abort();
  }

  async #run(stream: MediaStream, signal: AbortSignal): Promise<void> {
    const startedAt = performance.now();
    this.#set({ kind: 'running', step: 'connecting', startedAt });
    const signalling = new SignallingClient();
    try {
      await signalling.connect();
      const devices = Promise.all([checkCamera(stream, signal), checkMicrophone(stream, signal)]);
      const network = await runNetworkCheck(signalling, this.#slug, (step) => this.#set({ kind: 'running', step, startedAt }), signal);
      const [camera, microphone] = await devices;
      if (signal.aborted) return;
      const figures: NetworkFigures = {
        upKbps: network.upKbps,
        upAtCeiling: network.upAtCeiling,
        upBrowserLimited: network.upBrowserLimited,
        downKbps: network.downKbps,
        downAtCeiling: network.downAtCeiling,
        rttMs: network.rttMs,
      };
      const result: LocalPrecheck = {
        precheckId: network.precheckId,
        durationMs: Math.round(performance.now() - startedAt),
        camera,
        microphone,
        network: figures,
        verdict: assessPrecheck({ camera, microphone, network: figures }, network.policy),
        policy: network.policy,
      };
      rememberPrecheck(this.#slug, result);
      this.#set({ kind: 'done', result });
    } catch (err) {
      if (signal.aborted) return;
      const reason: PrecheckFailure =
        err instanceof KanavaError ? (err.code === 'rateLimited' ? 'busy' : err.code === 'internal' ? 'unreachable' : 'failed') : 'failed';
      this.#set({ kind: 'failed', reason });
    } finally {
      signalling.disconnect();
    }
  }

  #set(state: PrecheckState): void {
    this.#state = state;
    for (const listener of this.#listeners) listener();
  }
}
