import { Device, type types } from 'mediasoup-client';
import {
  DtlsParametersSchema,
  KanavaError,
  RtpCapabilitiesSchema,
  RtpParametersSchema,
  type PointSlug,
  type PrecheckId,
  type ProbePlan,
  type QualityPolicy,
  type ResponseOf,
} from '@kanava/shared';
import type { SignallingClient } from '../call/SignallingClient.ts';
import { downloadKbps, type InboundSample } from './linkRate.ts';
import { startNoiseVideo } from './noiseVideo.ts';
import { candidatePairRttSeconds } from '../quality/statsFields.ts';

export type NetworkStep = 'connecting' | 'upload' | 'download';

export interface NetworkCheckResult {
  precheckId: PrecheckId;
  policy: QualityPolicy;
  upKbps: number;
  upAtCeiling: boolean;
  /** This browser cannot start its encoder at the probe's rate (see NetworkFigures.upBrowserLimited). */
  upBrowserLimited: boolean;
  downKbps: number;
  downAtCeiling: boolean;
  rttMs: number | null;
}

/** Readings of the probe stream's arrival: often enough that the start-up burst is a small part. */
const INBOUND_SAMPLE_MS = 100;
/** After the SFU stops, what is still queued at the bottleneck arrives (≤ 100 ms of data); then the count is final. */
const DRAIN_MS = 400;
/** ICE round-trip readings taken between the floods. */
const RTT_READINGS = 3;
const CONNECT_TIMEOUT_MS = 10_000;

type ProbeTransport = ResponseOf<'precheck.open'>['send'];

/**
 * Measures the link to our own SFU: upload by sending an incompressible video with a high
 * start bitrate (the SFU counts what arrives), download by receiving a constant-rate flood
 * from the SFU (this browser counts what arrives), and the round-trip time of the ICE
 * connection before the floods fill any queue.
 */
export async function runNetworkCheck(
  signalling: SignallingClient,
  pointSlug: PointSlug,
  onStep: (step: NetworkStep) => void,
  signal: AbortSignal,
): Promise<NetworkCheckResult> {
  onStep('connecting');
  const open = await signalling.request('precheck.open', { pointSlug });
  const { precheckId, plan, policy } = open;
  const transports: types.Transport[] = [];
  const rtt = new RttTracker();
  try {
    const device = await Device.factory();
    await device.load({ routerRtpCapabilities: open.routerRtpCapabilities as types.RtpCapabilities });
    const send = probeTransport(device, 'send', open.send, signalling, precheckId);
    transports.push(send);
    send.on('produce', ({ rtpParameters }, callback, errback) => {
      signalling
        .request('precheck.upload', { precheckId, rtpParameters: RtpParametersSchema.parse(rtpParameters) })
        .then(({ producerId }) => callback({ id: producerId }), errback);
    });
    abortable(signal);

    onStep('upload');
    const upload = await measureUpload(send, signalling, precheckId, plan);
    abortable(signal);

    onStep('download');
    const recv = probeTransport(device, 'recv', open.recv, signalling, precheckId);
    transports.push(recv);
    const download = await measureDownload(device, recv, signalling, precheckId, plan, rtt);
    // Firefox has no round trip on a just-connected pair yet; the send transport's, up for seconds, has.
    if (rtt.best() === null) await rtt.read(send);
    return {
      precheckId,
      policy,
      upKbps: upload.upKbps,
      upAtCeiling: upload.atCeiling,
      // Only Chromium's handler passes the start bitrate (x-google-start-bitrate) on to its encoder.
      upBrowserLimited: !upload.atCeiling && !device.handlerName.startsWith('Chrome'),
      downKbps: download.kbps,
      downAtCeiling: download.kbps >= download.sentKbps * 0.9,
      rttMs: rtt.best(),
    };
  } finally {
    for (const t of transports) t.close();
    void signalling.request('precheck.close', { precheckId }).catch(() => undefined);
  }
}

async function measureUpload(send: types.Transport, signalling: SignallingClient, precheckId: PrecheckId, plan: ProbePlan) {
  const noise = startNoiseVideo();
  try {
    const producer = await send.produce({
      track: noise.track,
      encodings: [{ maxBitrate: plan.upload.maxKbps * 1000 }],
      // The start value makes the encoder flood a slow link from the first second (see the server's probe plan).
      codecOptions: { videoGoogleStartBitrate: plan.upload.startKbps },
      stopTracks: false,
    });
    try {
      const path = await pathOf(send);
      return await signalling.request('precheck.uploadResult', { precheckId, ...(path ? { path } : {}) });
    } finally {
      producer.close();
    }
  } finally {
    noise.stop();
  }
}

async function measureDownload(
  device: Device,
  recv: types.Transport,
  signalling: SignallingClient,
  precheckId: PrecheckId,
  plan: ProbePlan,
  rtt: RttTracker,
): Promise<{ kbps: number; sentKbps: number }> {
  const options = await signalling.request('precheck.download', { precheckId, rtpCapabilities: RtpCapabilitiesSchema.parse(device.rtpCapabilities) });
  const consumer = await recv.consume({
    id: options.consumerId,
    producerId: options.producerId,
    kind: options.kind,
    rtpParameters: options.rtpParameters as types.RtpParameters,
  });
  // The flood starts only once the transport is up, and the round trip is read just before it:
  // the upload's flood has drained and the download's has not begun, so no queue adds to it.
  await connected(recv);
  for (let i = 0; i < RTT_READINGS; i++) {
    await rtt.read(recv);
    await sleep(50);
  }
  const samples: InboundSample[] = [];
  let sampling = true;
  const reader = (async () => {
    while (sampling) {
      samples.push(await inbound(consumer));
      await sleep(INBOUND_SAMPLE_MS);
    }
  })();
  try {
    const run = await signalling.request('precheck.downloadRun', { precheckId });
    await sleep(DRAIN_MS);
    sampling = false;
    await reader;
    return { kbps: Math.min(downloadKbps(samples), Math.round(plan.download.rateKbps * 1.15)), sentKbps: run.sentKbps };
  } finally {
    sampling = false;
    consumer.close();
  }
}

async function inbound(consumer: types.Consumer): Promise<InboundSample> {
  const sample: InboundSample = { atMs: 0, bytes: 0, packets: 0 };
  (await consumer.getStats()).forEach((s: Record<string, unknown>) => {
    if (s['type'] !== 'inbound-rtp') return;
    sample.bytes += num(s['bytesReceived']) + num(s['headerBytesReceived']);
    sample.packets += num(s['packetsReceived']);
    sample.atMs = Math.max(sample.atMs, num(s['lastPacketReceivedTimestamp']));
  });
  return sample;
}

function probeTransport(device: Device, direction: 'send' | 'recv', options: ProbeTransport, signalling: SignallingClient, precheckId: PrecheckId) {
  const params = {
    id: options.id,
    iceParameters: options.iceParameters,
    iceCandidates: options.iceCandidates as types.IceCandidate[],
    dtlsParameters: options.dtlsParameters,
    iceServers: options.iceServers,
  };
  const transport = direction === 'send' ? device.createSendTransport(params) : device.createRecvTransport(params);
  transport.on('connect', ({ dtlsParameters }, callback, errback) => {
    signalling
      .request('precheck.connect', { precheckId, transportId: options.id, dtlsParameters: DtlsParametersSchema.parse(dtlsParameters) })
      .then(() => callback(), errback);
  });
  return transport;
}

/** The lowest ICE round-trip time read (between the floods, when no queue adds to it). */
class RttTracker {
  #best: number | undefined;

  best(): number | null {
    return this.#best === undefined ? null : Math.round(this.#best);
  }

  async read(transport: types.Transport): Promise<void> {
    (await transport.getStats()).forEach((s: Record<string, unknown>) => {
      if (s['type'] !== 'candidate-pair' || s['state'] !== 'succeeded') return;
      const seconds = candidatePairRttSeconds(s);
      if (seconds !== undefined) this.#best = Math.min(this.#best ?? Infinity, seconds * 1000);
    });
  }

}

/**
 * 'tcp' when this browser reaches the SFU over TCP: ICE-TCP, or a TURN relay it reaches over TCP or TLS
 * (a network that drops UDP). Read once the transport is up; undefined if it does not come up.
 */
async function pathOf(transport: types.Transport): Promise<'udp' | 'tcp' | undefined> {
  if (!(await connected(transport).then(() => true, () => false))) return undefined;
  const stats = new Map<string, Record<string, unknown>>();
  (await transport.getStats()).forEach((s: Record<string, unknown>) => stats.set(String(s['id']), s));
  for (const s of stats.values()) {
    if (s['type'] !== 'transport' || typeof s['selectedCandidatePairId'] !== 'string') continue;
    const local = stats.get(String(stats.get(s['selectedCandidatePairId'])?.['localCandidateId']));
    if (!local) return undefined;
    const relayedOverTcp = local['candidateType'] === 'relay' && (local['relayProtocol'] === 'tcp' || local['relayProtocol'] === 'tls');
    return local['protocol'] === 'tcp' || relayedOverTcp ? 'tcp' : 'udp';
  }
  return undefined;
}

/** Resolves once ICE and DTLS are up (the receive transport connects when its first consumer is set up). */
function connected(transport: types.Transport): Promise<void> {
  if (transport.connectionState === 'connected') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new KanavaError('internal', 'the check could not connect')), CONNECT_TIMEOUT_MS);
    transport.on('connectionstatechange', (state) => {
      if (state === 'connected') {
        clearTimeout(timer);
        resolve();
      } else if (state === 'failed' || state === 'closed') {
        clearTimeout(timer);
        reject(new KanavaError('internal', 'the check could not connect'));
      }
    });
  });
}

function abortable(signal: AbortSignal): void {
  if (signal.aborted) throw new DOMException('the check was cancelled', 'AbortError');
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
