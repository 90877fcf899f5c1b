import { randomBytes } from 'node:crypto';
import type { types } from 'mediasoup';
import type { Logger } from 'pino';
import {
  ConsumerIdSchema,
  IceCandidateSchema,
  KanavaError,
  ProducerIdSchema,
  RtpCapabilitiesSchema,
  RtpParametersSchema,
  TransportIdSchema,
  type DtlsParameters,
  type PrecheckId,
  type ProbeDownloadResult,
  type ProbeUploadResult,
  type ProducerId,
  type RtpCapabilities,
  type RtpParameters,
  type TransportId,
} from '@kanava/shared';
import type { SfuConsumerInfo, SfuTransportInfo } from '../api.ts';
import type { SfuConfig } from '../config.ts';
import { webRtcListenInfos } from './listenInfos.ts';
import type { SfuProbeInfo } from './probeApi.ts';
import { PROBE_PAYLOAD_TYPE, PROBE_SSRC, probePacket, probePacketBytes } from './probeRtp.ts';
import { maxWindowRateKbps, meanRateFromKbps, withIpOverhead, type ByteSample } from './rateWindow.ts';

/** How often the upload counter is read; a one-second window then spans five readings. */
const UPLOAD_SAMPLE_MS = 200;
const UPLOAD_WINDOW_MS = 1000;
/**
 * Over ICE-TCP (a network that drops UDP) a segment the bottleneck dropped holds back what follows
 * until it is sent again, and then the kernel hands everything over at once. The best span then
 * picks a release: on a 400 kbit/s tc link a bulk TCP transfer read 568 kbit/s over the best second
 * and 440 over the best 2.5 s, but 387 on average. So over TCP the upload is the mean rate from the
 * end of the ramp to the end of the test, taken over at least this long.
 */
const UPLOAD_TCP_RAMP_MS = 500;
const UPLOAD_TCP_SPAN_MS = 3000;
/** No test video arriving at all within this time means the upload carries nothing usable. */
const UPLOAD_NO_DATA_MS = 5000;
/** The pacer's tick; Node timers fire every 1–5 ms, the sent total follows the clock, not the ticks. */
const PACE_TICK_MS = 4;

type UploadState =
  | { kind: 'waiting' }
  | { kind: 'measuring'; producer: types.Producer; startedAt: number; firstByteAt: number | undefined; samples: ByteSample[]; meanPacketBytes: number }
  | { kind: 'done'; result: ProbeUploadResult };

/**
 * One pre-call check on its own router: a send transport (the browser's test video
 * arrives here and is counted), a receive transport (the probe stream leaves here) and
 * a DirectTransport that produces the probe stream. Closing it closes the router.
 */
export class ProbeSession {
  readonly probeId: PrecheckId;
  readonly #router: types.Router;
  readonly #log: Logger;
  readonly #send: types.WebRtcTransport;
  readonly #recv: types.WebRtcTransport;
  readonly #direct: types.DirectTransport;
  readonly #source: types.Producer;
  #upload: UploadState = { kind: 'waiting' };
  #consumer: types.Consumer | undefined;
  /** Pending waits; closing the check ends them at once, so no request hangs on a closed probe. */
  readonly #waits = new Map<NodeJS.Timeout, () => void>();
  #closed = false;

  private constructor(
    probeId: PrecheckId,
    router: types.Router,
    log: Logger,
    parts: { send: types.WebRtcTransport; recv: types.WebRtcTransport; direct: types.DirectTransport; source: types.Producer },
  ) {
    this.probeId = probeId;
    this.#router = router;
    this.#log = log;
    this.#send = parts.send;
    this.#recv = parts.recv;
    this.#direct = parts.direct;
    this.#source = parts.source;
  }

  static async create(probeId: PrecheckId, router: types.Router, config: SfuConfig, log: Logger): Promise<ProbeSession> {
    try {
      const options: types.WebRtcTransportOptions = { listenInfos: webRtcListenInfos(config), preferUdp: true };
      const [send, recv, direct] = await Promise.all([
        router.createWebRtcTransport(options),
        // The probe stream is not congestion-controlled by the SFU (a simple consumer forwards everything), so the start value does not matter.
        router.createWebRtcTransport(options),
        router.createDirectTransport(),
      ]);
      const source = await direct.produce({
        kind: 'video',
        rtpParameters: {
          codecs: [{ mimeType: 'video/VP8', payloadType: PROBE_PAYLOAD_TYPE, clockRate: 90000, rtcpFeedback: [] }],
          encodings: [{ ssrc: PROBE_SSRC }],
        },
      });
      return new ProbeSession(probeId, router, log.child({ probeId }), { send, recv, direct, source });
    } catch (err) {
      router.close();
      throw err;
    }
  }

  info(): SfuProbeInfo {
    return {
      rtpCapabilities: RtpCapabilitiesSchema.parse(this.#router.rtpCapabilities),
      send: transportInfo(this.#send),
      recv: transportInfo(this.#recv),
    };
  }

  async connect(transportId: TransportId, dtlsParameters: DtlsParameters): Promise<void> {
    await this.#transport(transportId).connect({ dtlsParameters });
  }

  async produceUpload(rtpParameters: RtpParameters): Promise<ProducerId> {
    if (this.#upload.kind !== 'waiting') throw new KanavaError('invalidState', 'the upload test has already run');
    let producer: types.Producer;
    try {
      producer = await this.#send.produce({ kind: 'video', rtpParameters });
    } catch (err) {
      if (err instanceof TypeError) throw new KanavaError('badRequest', `media parameters rejected: ${err.message}`);
      throw err;
    }
    this.#upload = { kind: 'measuring', producer, startedAt: performance.now(), firstByteAt: undefined, samples: [], meanPacketBytes: 0 };
    return ProducerIdSchema.parse(producer.id);
  }

  /** Reads the send transport's byte counter until the upload is known, then closes the test video. */
  async measureUpload(startKbps: number, maxDurationMs: number, browserSaysTcp = false): Promise<ProbeUploadResult> {
    for (;;) {
      const state = this.#upload;
      if (state.kind === 'done') return state.result;
      if (state.kind === 'waiting') throw new KanavaError('invalidState', 'send the test video first');
      if (this.#closed) throw new KanavaError('invalidState', 'the check has ended');
      await this.#sleep(UPLOAD_SAMPLE_MS);
      await this.#sampleUpload(state);
      const now = performance.now();
      const since = state.firstByteAt;
      // ICE-TCP the SFU sees itself; TURN over TCP it sees as UDP from the relay, so the browser tells.
      const overTcp = browserSaysTcp || this.#send.iceSelectedTuple?.protocol === 'tcp';
      const payloadKbps = overTcp ? meanRateFromKbps(state.samples, (since ?? now) + UPLOAD_TCP_RAMP_MS, UPLOAD_TCP_SPAN_MS) : maxWindowRateKbps(state.samples, UPLOAD_WINDOW_MS);
      // Over TCP the test lasts until the mean spans its full length (a second longer than over UDP).
      const durationMs = overTcp ? Math.max(maxDurationMs, UPLOAD_TCP_RAMP_MS + UPLOAD_TCP_SPAN_MS + 2 * UPLOAD_SAMPLE_MS) : maxDurationMs;
      const rate = withIpOverhead(payloadKbps * 1000, state.meanPacketBytes) / 1000;
      // A link that carries 90 % of the start rate has shown what the check needs; stop early to keep the check short.
      const enough = since !== undefined && rate >= startKbps * 0.9;
      const timeUp = since !== undefined ? now - since >= durationMs : now - state.startedAt >= UPLOAD_NO_DATA_MS;
      if (enough || timeUp) {
        const result: ProbeUploadResult = {
          upKbps: Math.round(rate),
          atCeiling: enough,
          durationMs: Math.round(now - state.startedAt),
        };
        state.producer.close();
        this.#upload = { kind: 'done', result };
        this.#log.debug({ ...result, samples: state.samples.length }, 'upload measured');
        return result;
      }
    }
  }

  async consumeDownload(rtpCapabilities: RtpCapabilities): Promise<SfuConsumerInfo> {
    if (this.#consumer) throw new KanavaError('invalidState', 'the download test has already been set up');
    // Without NACK the browser does not ask for the packets the bottleneck dropped: the flood stays one pass.
    const caps = withoutNack(rtpCapabilities);
    if (!this.#router.canConsume({ producerId: this.#source.id, rtpCapabilities: caps })) {
      throw new KanavaError('mediaUnavailable', 'this browser cannot receive VP8');
    }
    const consumer = await this.#recv.consume({ producerId: this.#source.id, rtpCapabilities: caps, paused: true });
    this.#consumer = consumer;
    return {
      consumerId: ConsumerIdSchema.parse(consumer.id),
      producerId: ProducerIdSchema.parse(this.#source.id),
      kind: consumer.kind,
      rtpParameters: RtpParametersSchema.parse(consumer.rtpParameters),
      producerPaused: false,
    };
  }

  /** Sends the probe stream at a fixed rate, paced by the clock; resolves when it has stopped. */
  async runDownload(rateKbps: number, durationMs: number): Promise<ProbeDownloadResult> {
    const consumer = this.#consumer;
    if (!consumer) throw new KanavaError('invalidState', 'set up the download test first');
    await consumer.resume();
    const filler = randomBytes(probePacketBytes);
    const bytesPerMs = (rateKbps * 1000) / 8 / 1000;
    const start = performance.now();
    let sent = 0;
    let seq = 0;
    for (;;) {
      if (this.#closed) throw new KanavaError('invalidState', 'the check has ended');
      const elapsed = performance.now() - start;
      if (elapsed >= durationMs) break;
      while (sent + probePacketBytes <= elapsed * bytesPerMs) {
        // 90 kHz clock; a new "frame" timestamp every ~33 ms keeps the stream plausible to the browser's jitter buffer.
        this.#source.send(probePacket(seq++, Math.floor(elapsed / 33) * 3000, filler));
        sent += probePacketBytes;
      }
      await this.#sleep(PACE_TICK_MS);
    }
    const elapsed = performance.now() - start;
    await consumer.pause();
    return { sentKbps: Math.round((sent * 8) / elapsed), durationMs: Math.round(elapsed) };
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const [t, wake] of this.#waits) {
      clearTimeout(t);
      wake();
    }
    this.#waits.clear();
    this.#router.close();
  }

  async #sampleUpload(state: Extract<UploadState, { kind: 'measuring' }>): Promise<void> {
    const [[transport], streams] = await Promise.all([this.#send.getStats(), state.producer.closed ? [] : state.producer.getStats()]);
    if (!transport) return;
    const now = performance.now();
    const bytes = transport.bytesReceived;
    if (bytes > 0 && state.firstByteAt === undefined) state.firstByteAt = now;
    if (state.firstByteAt !== undefined) state.samples.push({ atMs: now, bytes });
    let packets = 0;
    let packetBytes = 0;
    for (const s of streams) {
      packets += s.packetCount;
      packetBytes += s.byteCount;
    }
    if (packets > 0) state.meanPacketBytes = packetBytes / packets;
  }

  #transport(transportId: TransportId): types.WebRtcTransport {
    if (transportId === this.#send.id) return this.#send;
    if (transportId === this.#recv.id) return this.#recv;
    throw new KanavaError('notFound', 'no such transport in this check');
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.#waits.delete(t);
        resolve();
      }, ms);
      this.#waits.set(t, resolve);
    });
  }
}

function transportInfo(t: types.WebRtcTransport): SfuTransportInfo {
  return {
    id: TransportIdSchema.parse(t.id),
    iceParameters: t.iceParameters,
    iceCandidates: t.iceCandidates.map((c) => IceCandidateSchema.parse(c)),
    dtlsParameters: t.dtlsParameters,
  };
}

function withoutNack(caps: RtpCapabilities): RtpCapabilities {
  return {
    ...caps,
    codecs: caps.codecs?.map((c) => ({ ...c, rtcpFeedback: c.rtcpFeedback?.filter((fb) => fb.type !== 'nack') })),
  };
}
