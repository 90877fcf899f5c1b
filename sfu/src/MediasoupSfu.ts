import type { types } from 'mediasoup';
import type { Logger } from 'pino';
import { KanavaError, type RoomId } from '@kanava/shared';
import type { SfuEvents, SfuService, SfuStats } from './api.ts';
import { routerMediaCodecs } from './codecs.ts';
import type { SfuConfig } from './config.ts';
import { MediaRoom } from './MediaRoom.ts';
import { ProbeManager } from './quality/ProbeManager.ts';
import { RoomQualityMonitor } from './quality/RoomQualityMonitor.ts';
import { TypedEmitter } from './TypedEmitter.ts';
import { WorkerPool } from './WorkerPool.ts';

/** SfuService served by mediasoup workers in this process's machine. */
export class MediasoupSfu implements SfuService {
  readonly #log: Logger;
  readonly #config: SfuConfig;
  readonly #events = new TypedEmitter<SfuEvents>();
  readonly #rooms = new Map<RoomId, MediaRoom>();
  /** Rooms being created; a second join waits for the first instead of making a second router. */
  readonly #opening = new Map<RoomId, Promise<MediaRoom>>();
  #pool: WorkerPool | undefined;
  #probes: ProbeManager | undefined;

  private constructor(config: SfuConfig, log: Logger) {
    this.#config = config;
    this.#log = log;
  }

  static async create(config: SfuConfig, log: Logger): Promise<MediasoupSfu> {
    const sfu = new MediasoupSfu(config, log.child({ component: 'sfu' }));
    const pool = await WorkerPool.create(config, sfu.#log, (worker) => sfu.#onWorkerDied(worker));
    sfu.#pool = pool;
    sfu.#probes = new ProbeManager((codecs) => pool.createRouter(codecs), config, sfu.#log);
    return sfu;
  }

  async openRoom(roomId: RoomId) {
    const room = await this.#roomOrCreate(roomId);
    return { rtpCapabilities: room.rtpCapabilities };
  }

  async closeRoom(roomId: RoomId): Promise<void> {
    const room = this.#rooms.get(roomId);
    if (!room) return;
    this.#rooms.delete(roomId);
    room.close();
    this.#log.info({ roomId }, 'room media closed');
  }

  createTransport: SfuService['createTransport'] = async ({ roomId, peerId, direction, downlink }) =>
    this.#room(roomId).createTransport(peerId, direction, downlink);

  connectTransport: SfuService['connectTransport'] = async ({ roomId, peerId, transportId, dtlsParameters }) =>
    this.#room(roomId).connectTransport(peerId, transportId, dtlsParameters);

  restartIce: SfuService['restartIce'] = async ({ roomId, peerId, transportId }) =>
    this.#room(roomId).restartIce(peerId, transportId);

  produce: SfuService['produce'] = async ({ roomId, peerId, transportId, kind, source, rtpParameters, paused }) => ({
    producerId: await this.#room(roomId).produce(peerId, transportId, kind, source, rtpParameters, paused),
  });

  setProducerPaused: SfuService['setProducerPaused'] = async ({ roomId, peerId, producerId, paused }) =>
    this.#room(roomId).setProducerPaused(peerId, producerId, paused);

  closeProducer: SfuService['closeProducer'] = async ({ roomId, peerId, producerId }) =>
    this.#room(roomId).closeProducer(peerId, producerId);

  consume: SfuService['consume'] = async ({ roomId, peerId, transportId, producerId, rtpCapabilities }) =>
    this.#room(roomId).consume(peerId, transportId, producerId, rtpCapabilities);

  resumeConsumer: SfuService['resumeConsumer'] = async ({ roomId, peerId, consumerId }) =>
    this.#room(roomId).resumeConsumer(peerId, consumerId);

  closePeer: SfuService['closePeer'] = async ({ roomId, peerId }) => {
    this.#rooms.get(roomId)?.closePeer(peerId);
  };

  openProbe: SfuService['openProbe'] = async (req) => this.#probeManager().openProbe(req);
  connectProbe: SfuService['connectProbe'] = async (req) => this.#probeManager().connectProbe(req);
  probeUpload: SfuService['probeUpload'] = async (req) => this.#probeManager().probeUpload(req);
  measureProbeUpload: SfuService['measureProbeUpload'] = async (req) => this.#probeManager().measureProbeUpload(req);
  probeDownload: SfuService['probeDownload'] = async (req) => this.#probeManager().probeDownload(req);
  runProbeDownload: SfuService['runProbeDownload'] = async (req) => this.#probeManager().runProbeDownload(req);
  closeProbe: SfuService['closeProbe'] = async (req) => this.#probeManager().closeProbe(req);

  async stats(): Promise<SfuStats> {
    const totals = { transports: 0, producers: 0, consumers: 0 };
    for (const room of this.#rooms.values()) {
      const c = room.counts;
      totals.transports += c.transports;
      totals.producers += c.producers;
      totals.consumers += c.consumers;
    }
    const workerCpuSeconds = (await this.#pool?.cpuSeconds()) ?? 0;
    return { workers: this.#pool?.size ?? 0, rooms: this.#rooms.size, ...totals, workerCpuSeconds };
  }

  healthy(): boolean {
    return (this.#pool?.size ?? 0) > 0;
  }

  on<K extends keyof SfuEvents>(event: K, listener: (payload: SfuEvents[K]) => void): void {
    this.#events.on(event, listener);
  }

  off<K extends keyof SfuEvents>(event: K, listener: (payload: SfuEvents[K]) => void): void {
    this.#events.off(event, listener);
  }

  async close(): Promise<void> {
    for (const room of this.#rooms.values()) room.close();
    this.#rooms.clear();
    this.#probes?.close();
    this.#pool?.close();
  }

  #probeManager(): ProbeManager {
    if (!this.#probes) throw new Error('SFU not started');
    return this.#probes;
  }

  #room(roomId: RoomId): MediaRoom {
    const room = this.#rooms.get(roomId);
    if (!room) throw new KanavaError('invalidState', 'the room has no media yet');
    return room;
  }

  async #roomOrCreate(roomId: RoomId): Promise<MediaRoom> {
    const existing = this.#rooms.get(roomId);
    if (existing) return existing;
    const pending = this.#opening.get(roomId);
    if (pending) return pending;
    const creating = (async () => {
      if (!this.#pool) throw new Error('SFU not started');
      const router = await this.#pool.createRouter(routerMediaCodecs);
      const room = new MediaRoom(roomId, router, this.#config, this.#log, (event, payload) =>
        this.#events.emit(event, payload),
      );
      this.#rooms.set(roomId, room);
      // Measures the room's media for the quality monitor; stops by itself with the router.
      new RoomQualityMonitor(router, roomId, this.#config.qualitySampleMs ?? 1000, this.#log, (sample) => this.#events.emit('qualitySampled', sample));
      this.#log.info({ roomId }, 'room media opened');
      return room;
    })();
    this.#opening.set(roomId, creating);
    try {
      return await creating;
    } finally {
      this.#opening.delete(roomId);
    }
  }

  #onWorkerDied(worker: types.Worker): void {
    for (const [roomId, room] of this.#rooms) {
      if (!room.router.closed) continue;
      this.#rooms.delete(roomId);
      this.#log.warn({ roomId, workerPid: worker.pid }, 'room media lost with its worker');
      this.#events.emit('roomMediaLost', { roomId });
    }
  }
}
