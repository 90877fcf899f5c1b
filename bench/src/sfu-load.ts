/**
 * SFU load: how many point calls one mediasoup worker carries with what Kanava adds on top of
 * mediasoup, against a bare mediasoup router as baseline.
 *
 * Each simulated room is a call of two (customer + expert), each sending Opus audio (50 packets/s)
 * and one 720p VP8 video at ~786 kbit/s (30 frames/s of 3 packets), and receiving the other's two
 * streams: 4 producers and 4 consumer streams per room. The worker under test gets and sends SRTP
 * (AEAD AES-256-GCM, as with browsers) over plain transports to a second worker in this process,
 * which takes the raw RTP this script generates and counts what comes back, so every packet is
 * decrypted, routed and encrypted again by the worker under test. Loss is what the receivers find
 * missing in the sequence numbers (the consumers keep the senders' gaps), so it covers the whole path.
 *
 *  - kanava: Kanava's router codecs, consumer priorities, and the quality monitor sampling every
 *    transport, producer and consumer of each room once a second (sfu/src/quality/RoomQualityMonitor.ts);
 *  - bare: a router with Opus and VP8 only, nothing else.
 *
 * The number of rooms rises until more than 1 % of the packets are lost, the worker under test uses
 * more than 90 % of a core, or the generator here cannot keep its rate. Printed: consumer streams
 * per core, memory per room (the worker's resident memory), and the kanava/bare ratios.
 *
 * Run: npm run bench:sfu-load --workspace bench   (SFU_LOAD_STEPS=5,10,20 SFU_LOAD_SECONDS=4 to change)
 */
import dgram from 'node:dgram';
import fs from 'node:fs';
import os from 'node:os';
import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import { pino } from 'pino';
import { RoomIdSchema } from '@kanava/shared';
import { routerMediaCodecs } from '../../sfu/src/codecs.ts';
import { consumerLayerPolicy } from '../../sfu/src/quality/consumerLayers.ts';
import { RoomQualityMonitor } from '../../sfu/src/quality/RoomQualityMonitor.ts';

const STEPS = (process.env['SFU_LOAD_STEPS'] ?? '5,10,20,30,40,60,80,100,130,160').split(',').map(Number);
const MEASURE_S = Number(process.env['SFU_LOAD_SECONDS'] ?? 4);
const WARMUP_S = 2;
const LOSS_LIMIT = 0.01;
const CPU_LIMIT = 0.9;
const VIDEO_KBPS = 786;
const FPS = 30;
const PACKETS_PER_FRAME = 3;
const VIDEO_PAYLOAD = Math.round((VIDEO_KBPS * 1000) / 8 / FPS / PACKETS_PER_FRAME) - 12; // RTP header included in the rate
const AUDIO_PAYLOAD = 100; // ~40 kbit/s Opus with FEC
const AUDIO_PT = 100;
const VIDEO_PT = 101;
const SRTP: types.SrtpCryptoSuite = 'AEAD_AES_256_GCM';
const listenInfo: types.TransportListenInfo = { protocol: 'udp', ip: '127.0.0.1' };
const silent = pino({ level: 'silent' });

const bareCodecs: types.RouterRtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000 },
];

interface Variant {
  name: 'kanava' | 'bare';
  codecs: types.RouterRtpCodecCapability[];
  kanava: boolean;
}

/** One participant's generated streams: raw RTP into the helper worker. */
interface Source {
  port: number;
  audioSsrc: number;
  videoSsrc: number;
  audioSeq: number;
  videoSeq: number;
  framesSent: number;
  audioSent: number;
}

interface Room {
  router: types.Router;
  monitor: RoomQualityMonitor | undefined;
  sources: Source[];
  /** The producers in the worker under test: what reached it. */
  arrivals: types.Producer[];
  sinks: types.Producer[];
}

/** Two plain transports, one in each router, sending SRTP to each other. */
async function srtpPair(a: types.Router, b: types.Router, appDataA: Record<string, unknown>, appDataB: Record<string, unknown>) {
  const options = { listenInfo, rtcpMux: true, comedia: false, enableSrtp: true, srtpCryptoSuite: SRTP };
  const ta = await a.createPlainTransport({ ...options, appData: appDataA });
  const tb = await b.createPlainTransport({ ...options, appData: appDataB });
  if (!ta.srtpParameters || !tb.srtpParameters) throw new Error('SRTP not enabled');
  await ta.connect({ ip: tb.tuple.localAddress, port: tb.tuple.localPort, srtpParameters: tb.srtpParameters });
  await tb.connect({ ip: ta.tuple.localAddress, port: ta.tuple.localPort, srtpParameters: ta.srtpParameters });
  return [ta, tb] as const;
}

let nextSsrc = 10_000;

async function addRoom(index: number, variant: Variant, worker: types.Worker, helper: types.Router): Promise<Room> {
  const router = await worker.createRouter({ mediaCodecs: variant.codecs });
  const roomId = RoomIdSchema.parse(`bench-${index}`);
  const monitor = variant.kanava ? new RoomQualityMonitor(router, roomId, 1000, silent, () => undefined) : undefined;
  const peers = ['customer', 'expert'].map((role) => `${role}-${index}`);
  const sources: Source[] = [];
  const sutProducers: types.Producer[][] = [];
  for (const peerId of peers) {
    // The participant's raw RTP arrives at the helper; the helper sends it on as SRTP to the worker under test.
    const input = await helper.createPlainTransport({ listenInfo, rtcpMux: true, comedia: true });
    const source: Source = { port: input.tuple.localPort, audioSsrc: nextSsrc++, videoSsrc: nextSsrc++, audioSeq: 0, videoSeq: 0, framesSent: 0, audioSent: 0 };
    const audioIn = await input.produce({
      kind: 'audio',
      rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: AUDIO_PT, clockRate: 48000, channels: 2 }], encodings: [{ ssrc: source.audioSsrc }] },
    });
    const videoIn = await input.produce({
      kind: 'video',
      rtpParameters: {
        codecs: [{ mimeType: 'video/VP8', payloadType: VIDEO_PT, clockRate: 90000, rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }] }],
        encodings: [{ ssrc: source.videoSsrc }],
      },
    });
    const [up, send] = await srtpPair(helper, router, {}, { peerId, direction: 'send' });
    const produced: types.Producer[] = [];
    for (const [producer, source_] of [[audioIn, 'microphone'], [videoIn, 'camera']] as const) {
      const consumer = await up.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities });
      produced.push(await send.produce({ kind: consumer.kind, rtpParameters: consumer.rtpParameters, appData: { peerId, source: source_ } }));
    }
    sources.push(source);
    sutProducers.push(produced);
  }
  // Each receives the other's audio and video; the helper counts what arrives.
  const sinks: types.Producer[] = [];
  for (const [i, peerId] of peers.entries()) {
    const [recv, down] = await srtpPair(router, helper, { peerId, direction: 'recv' }, {});
    for (const producer of sutProducers[1 - i] ?? []) {
      const consumer = await recv.consume({ producerId: producer.id, rtpCapabilities: helper.rtpCapabilities, appData: { peerId } });
      if (variant.kanava) {
        const { priority } = consumerLayerPolicy(producer.kind === 'audio' ? 'microphone' : 'camera');
        if (priority !== 1) await consumer.setPriority(priority);
      }
      sinks.push(await down.produce({ kind: consumer.kind, rtpParameters: consumer.rtpParameters }));
    }
  }
  return { router, monitor, sources, arrivals: sutProducers.flat(), sinks };
}

function rtp(pt: number, seq: number, timestamp: number, ssrc: number, payload: Buffer, marker: boolean): Buffer {
  const packet = Buffer.allocUnsafe(12 + payload.length);
  packet[0] = 0x80;
  packet[1] = (marker ? 0x80 : 0) | pt;
  packet.writeUInt16BE(seq & 0xffff, 2);
  packet.writeUInt32BE(timestamp >>> 0, 4);
  packet.writeUInt32BE(ssrc, 8);
  payload.copy(packet, 12);
  return packet;
}

/** Sends every source's audio and video at their rates; counts the packets handed to the socket. */
class Generator {
  readonly #socket = dgram.createSocket('udp4');
  readonly #audio = Buffer.alloc(AUDIO_PAYLOAD, 0x5a);
  readonly #video = Buffer.alloc(VIDEO_PAYLOAD, 0x3c);
  readonly #startedAt = performance.now();
  #timer: NodeJS.Timeout | undefined;
  sources: Source[] = [];
  sent = 0;

  constructor() {
    // VP8 payload descriptor (S=1) and a key-frame tag on every packet: each is forwarded at once.
    this.#video[0] = 0x10;
    this.#video[1] = 0x00;
    this.#socket.bind(0, '127.0.0.1');
  }

  start(): void {
    this.#timer = setInterval(() => this.#tick(), 20);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#socket.close();
  }

  #tick(): void {
    const elapsed = (performance.now() - this.#startedAt) / 1000;
    const dueFrames = Math.floor(elapsed * FPS);
    const dueAudio = Math.floor(elapsed * 50);
    for (const s of this.sources) {
      // A source added late starts now; one this script could not serve in time skips what it missed,
      // as a camera would, instead of sending a burst no browser sends (the shortfall shows in `generated`).
      if (dueFrames - s.framesSent > 2) s.framesSent = dueFrames - 1;
      if (dueAudio - s.audioSent > 2) s.audioSent = dueAudio - 1;
      while (s.audioSent < dueAudio) {
        s.audioSent++;
        this.#send(rtp(AUDIO_PT, s.audioSeq++, s.audioSent * 960, s.audioSsrc, this.#audio, false), s.port);
      }
      while (s.framesSent < dueFrames) {
        s.framesSent++;
        const ts = s.framesSent * (90000 / FPS);
        for (let p = 0; p < PACKETS_PER_FRAME; p++) {
          this.#send(rtp(VIDEO_PT, s.videoSeq++, ts, s.videoSsrc, this.#video, p === PACKETS_PER_FRAME - 1), s.port);
        }
      }
    }
  }

  #send(packet: Buffer, port: number): void {
    this.sent++;
    this.#socket.send(packet, port, '127.0.0.1');
  }
}

function rssBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb * 1024;
}

async function cpuSeconds(worker: types.Worker): Promise<number> {
  const u = await worker.getResourceUsage();
  return (u.ru_utime + u.ru_stime) / 1000;
}

/** Packets that arrived and that the receiver found missing (gaps in the sequence numbers), over the producers. */
async function received(producers: types.Producer[]): Promise<{ count: number; lost: number }> {
  const stats = (await Promise.all(producers.map((p) => p.getStats()))).flat();
  return stats.reduce((t, s) => ({ count: t.count + s.packetCount, lost: t.lost + s.packetsLost }), { count: 0, lost: 0 });
}

/** Share lost between two readings, as the receivers count it: independent of when each counter was read. */
function lossBetween(a: { count: number; lost: number }, b: { count: number; lost: number }): number {
  const lost = b.lost - a.lost;
  return Math.max(0, lost / Math.max(1, b.count - a.count + lost));
}

interface Step {
  rooms: number;
  consumerStreams: number;
  cpu: number;
  /** CPU of the helper worker and of this script (generator), share of a core each. */
  helperCpu: number;
  scriptCpu: number;
  /** Packets lost on the way in (generator → helper → worker under test) and in all. */
  lossIn: number;
  loss: number;
  rssMb: number;
  perRoomMb: number;
  /** Packets the generator sent ÷ what the rooms should send: below 0.95 the machine, not the worker, is the limit. */
  generated: number;
}

/** Packets per second one participant sends: audio every 20 ms, video frames of PACKETS_PER_FRAME. */
const PACKETS_PER_SOURCE = 50 + FPS * PACKETS_PER_FRAME;

async function runVariant(variant: Variant): Promise<Step[]> {
  const worker = await mediasoup.createWorker({ logLevel: 'error' });
  const helperWorker = await mediasoup.createWorker({ logLevel: 'error' });
  const helper = await helperWorker.createRouter({ mediaCodecs: bareCodecs });
  const generator = new Generator();
  generator.start();
  let memoryBase = { rss: rssBytes(worker.pid), rooms: 0 };
  const rooms: Room[] = [];
  const steps: Step[] = [];
  try {
    for (const target of STEPS) {
      while (rooms.length < target) {
        const room = await addRoom(rooms.length, variant, worker, helper);
        rooms.push(room);
        generator.sources.push(...room.sources);
      }
      await new Promise((r) => setTimeout(r, WARMUP_S * 1000));
      const sinks = rooms.flatMap((r) => r.sinks);
      const arrivals = rooms.flatMap((r) => r.arrivals);
      const read = async () => ({
        sent: generator.sent,
        got: await received(sinks),
        arrived: await received(arrivals),
        cpu: await cpuSeconds(worker),
        helperCpu: await cpuSeconds(helperWorker),
        scriptCpu: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
        at: performance.now(),
      });
      const before = await read();
      await new Promise((r) => setTimeout(r, MEASURE_S * 1000));
      const after = await read();
      const wall = (after.at - before.at) / 1000;
      const rss = rssBytes(worker.pid);
      const step: Step = {
        rooms: rooms.length,
        consumerStreams: sinks.length,
        cpu: (after.cpu - before.cpu) / wall,
        helperCpu: (after.helperCpu - before.helperCpu) / wall,
        scriptCpu: (after.scriptCpu - before.scriptCpu) / wall,
        lossIn: lossBetween(before.arrived, after.arrived),
        loss: lossBetween(before.got, after.got),
        rssMb: rss / 2 ** 20,
        // Growth since the previous step per room added (the worker's own start-up memory left out).
        perRoomMb: (rss - memoryBase.rss) / 2 ** 20 / (rooms.length - memoryBase.rooms),
        generated: (after.sent - before.sent) / wall / (generator.sources.length * PACKETS_PER_SOURCE),
      };
      memoryBase = { rss, rooms: rooms.length };
      steps.push(step);
      console.log(
        `  ${variant.name.padEnd(6)} rooms ${String(step.rooms).padStart(4)}  consumer streams ${String(step.consumerStreams).padStart(4)}  ` +
          `worker CPU ${(step.cpu * 100).toFixed(1).padStart(5)} % (helper ${(step.helperCpu * 100).toFixed(0)} %, generator ${(step.scriptCpu * 100).toFixed(0)} %)  ` +
          `loss ${(step.loss * 100).toFixed(2).padStart(5)} % (on the way in ${(step.lossIn * 100).toFixed(2)} %)  ` +
          `worker RSS ${step.rssMb.toFixed(1)} MB (+${step.perRoomMb.toFixed(3)} MB/room)  generated ${(step.generated * 100).toFixed(0)} % of the rate`,
      );
      if (!withinLimits(step)) break;
    }
  } finally {
    generator.stop();
    for (const room of rooms) room.router.close();
    worker.close();
    helperWorker.close();
  }
  return steps;
}

const withinLimits = (s: Step): boolean => s.loss <= LOSS_LIMIT && s.cpu <= CPU_LIMIT && s.generated >= 0.95;

/** The last step within the limits, and what it says per core. */
function summary(steps: Step[]) {
  const ok = steps.filter(withinLimits);
  const best = ok.at(-1) ?? steps[0];
  if (!best) throw new Error('no step ran');
  const stopped = steps.at(-1);
  const reason =
    stopped === undefined || withinLimits(stopped)
      ? 'the last step (raise SFU_LOAD_STEPS)'
      : stopped.generated < 0.95
        ? `the generator sending only ${(stopped.generated * 100).toFixed(0)} % of the rate at ${stopped.rooms} rooms (the machine, not the worker)`
        : stopped.loss > LOSS_LIMIT
          ? `loss ${(stopped.loss * 100).toFixed(2)} % at ${stopped.rooms} rooms`
          : `worker CPU ${(stopped.cpu * 100).toFixed(0)} % at ${stopped.rooms} rooms`;
  // Memory per room: the worker's growth from its start to the best step, over the rooms it then carried.
  const grown = ok.length > 0 ? ok : [best];
  const perRoomMb = grown.reduce((sum, s, i) => sum + s.perRoomMb * (s.rooms - (i > 0 ? (grown[i - 1]?.rooms ?? 0) : 0)), 0) / best.rooms;
  return { best, perRoomMb, streamsPerCore: best.consumerStreams / Math.max(best.cpu, 1e-6), reason };
}

const cpus = os.cpus();
console.log(`SFU load: one mediasoup worker, rooms of 2 (audio + ${VIDEO_KBPS} kbit/s video each way), SRTP ${SRTP}`);
console.log(`machine: ${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
const results = new Map<Variant['name'], ReturnType<typeof summary>>();
for (const variant of [
  { name: 'bare', codecs: bareCodecs, kanava: false },
  { name: 'kanava', codecs: routerMediaCodecs, kanava: true },
] satisfies Variant[]) {
  const steps = await runVariant(variant);
  results.set(variant.name, summary(steps));
}
console.log('');
for (const [name, r] of results) {
  console.log(
    `${name.padEnd(6)}: ${r.best.rooms} rooms (${r.best.consumerStreams} consumer streams) at ${(r.best.cpu * 100).toFixed(1)} % of a core, ` +
      `loss ${(r.best.loss * 100).toFixed(2)} % → ${Math.round(r.streamsPerCore)} consumer streams per core; ${r.perRoomMb.toFixed(3)} MB per room; stopped by ${r.reason}`,
  );
}
const kanava = results.get('kanava');
const bare = results.get('bare');
if (kanava && bare) {
  console.log(
    `kanava / bare: consumer streams per core ${(kanava.streamsPerCore / bare.streamsPerCore).toFixed(2)}, ` +
      `memory per room ${(kanava.perRoomMb / Math.max(bare.perRoomMb, 1e-6)).toFixed(2)}`,
  );
}
