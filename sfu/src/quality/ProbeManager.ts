import type { types } from 'mediasoup';
import type { Logger } from 'pino';
import { KanavaError, type PrecheckId } from '@kanava/shared';
import type { SfuConfig } from '../config.ts';
import type { SfuProbes } from './probeApi.ts';
import { ProbeSession } from './ProbeSession.ts';

/** A check floods one link for a few seconds; a handful at a time keeps the SFU's own links and CPU for the calls. */
export const MAX_CONCURRENT_PROBES = 4;
/** A check that is not closed by its browser is closed by the SFU after this long. */
const PROBE_LIFETIME_MS = 60_000;

/** Probe routers use VP8 only: the test video and the probe stream are both VP8. */
const probeCodecs: types.RouterRtpCodecCapability[] = [{ kind: 'video', mimeType: 'video/VP8', clockRate: 90000 }];

/** The pre-call checks running on this SFU, each on its own short-lived router. */
export class ProbeManager implements SfuProbes {
  readonly #sessions = new Map<PrecheckId, { session: ProbeSession; expiry: NodeJS.Timeout }>();
  readonly #createRouter: (codecs: types.RouterRtpCodecCapability[]) => Promise<types.Router>;
  readonly #config: SfuConfig;
  readonly #log: Logger;

  constructor(createRouter: (codecs: types.RouterRtpCodecCapability[]) => Promise<types.Router>, config: SfuConfig, log: Logger) {
    this.#createRouter = createRouter;
    this.#config = config;
    this.#log = log.child({ component: 'probe' });
  }

  get size(): number {
    return this.#sessions.size;
  }

  openProbe: SfuProbes['openProbe'] = async ({ probeId }) => {
    if (this.#sessions.has(probeId)) throw new KanavaError('invalidState', 'this check is already open');
    if (this.#sessions.size >= MAX_CONCURRENT_PROBES) throw new KanavaError('rateLimited', 'too many connection checks at once; try again in a moment');
    const router = await this.#createRouter(probeCodecs);
    const session = await ProbeSession.create(probeId, router, this.#config, this.#log);
    const expiry = setTimeout(() => void this.closeProbe({ probeId }), PROBE_LIFETIME_MS);
    this.#sessions.set(probeId, { session, expiry });
    return session.info();
  };

  connectProbe: SfuProbes['connectProbe'] = async ({ probeId, transportId, dtlsParameters }) =>
    this.#session(probeId).connect(transportId, dtlsParameters);

  probeUpload: SfuProbes['probeUpload'] = async ({ probeId, rtpParameters }) => ({
    producerId: await this.#session(probeId).produceUpload(rtpParameters),
  });

  measureProbeUpload: SfuProbes['measureProbeUpload'] = async ({ probeId, startKbps, maxDurationMs, overTcp }) =>
    this.#session(probeId).measureUpload(startKbps, maxDurationMs, overTcp ?? false);

  probeDownload: SfuProbes['probeDownload'] = async ({ probeId, rtpCapabilities }) =>
    this.#session(probeId).consumeDownload(rtpCapabilities);

  runProbeDownload: SfuProbes['runProbeDownload'] = async ({ probeId, rateKbps, durationMs }) =>
    this.#session(probeId).runDownload(rateKbps, durationMs);

  closeProbe: SfuProbes['closeProbe'] = async ({ probeId }) => {
    const entry = this.#sessions.get(probeId);
    if (!entry) return;
    this.#sessions.delete(probeId);
    clearTimeout(entry.expiry);
    entry.session.close();
  };

  close(): void {
    for (const probeId of [...this.#sessions.keys()]) void this.closeProbe({ probeId });
  }

  #session(probeId: PrecheckId): ProbeSession {
    const entry = this.#sessions.get(probeId);
    if (!entry) throw new KanavaError('notFound', 'no such connection check (it may have timed out)');
    return entry.session;
  }
}
