import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import type { Logger } from 'pino';
import type { SfuConfig } from './config.ts';

interface PooledWorker {
  worker: types.Worker;
  routers: number;
}

/**
 * Keeps `numWorkers` mediasoup workers alive. A worker that dies is logged and
 * replaced; the rooms it carried are reported through `onWorkerDied` so their
 * peers can set up media again on a healthy worker.
 */
export class WorkerPool {
  readonly #config: SfuConfig;
  readonly #log: Logger;
  readonly #workers: PooledWorker[] = [];
  readonly #onWorkerDied: (worker: types.Worker) => void;
  /** Replacements being started: a room asking while every worker is down waits for one instead of failing. */
  readonly #spawning = new Set<Promise<void>>();
  #closed = false;

  private constructor(config: SfuConfig, log: Logger, onWorkerDied: (worker: types.Worker) => void) {
    this.#config = config;
    this.#log = log;
    this.#onWorkerDied = onWorkerDied;
  }

  static async create(config: SfuConfig, log: Logger, onWorkerDied: (worker: types.Worker) => void): Promise<WorkerPool> {
    const pool = new WorkerPool(config, log, onWorkerDied);
    for (let i = 0; i < config.numWorkers; i++) await pool.#spawn();
    return pool;
  }

  get size(): number {
    return this.#workers.length;
  }

  /** CPU time used by the live workers (user + system), seconds; the basis of a per-core sizing. */
  async cpuSeconds(): Promise<number> {
    const usages = await Promise.all(this.#workers.map(({ worker }) => worker.getResourceUsage().catch(() => undefined)));
    return usages.reduce((sum, u) => sum + (u ? (u.ru_utime + u.ru_stime) / 1000 : 0), 0);
  }

  /** The worker carrying the fewest routers; a call room never spans workers. */
  leastLoaded(): PooledWorker {
    const candidate = this.#workers.reduce<PooledWorker | undefined>(
      (best, w) => (best === undefined || w.routers < best.routers ? w : best),
      undefined,
    );
    if (!candidate) throw new Error('no mediasoup worker is running');
    return candidate;
  }

  async createRouter(mediaCodecs: types.RouterRtpCodecCapability[]): Promise<types.Router> {
    if (this.#workers.length === 0 && this.#spawning.size > 0) await Promise.any(this.#spawning).catch(() => undefined);
    const pooled = this.leastLoaded();
    const router = await pooled.worker.createRouter({ mediaCodecs });
    pooled.routers++;
    router.observer.once('close', () => {
      pooled.routers--;
    });
    return router;
  }

  close(): void {
    this.#closed = true;
    for (const { worker } of this.#workers) worker.close();
    this.#workers.length = 0;
  }

  async #spawn(): Promise<void> {
    const worker = await mediasoup.createWorker({
      logLevel: this.#config.logLevel,
      ...(this.#config.workerBin ? { workerBin: this.#config.workerBin } : {}),
    });
    const pooled: PooledWorker = { worker, routers: 0 };
    this.#workers.push(pooled);
    this.#log.info({ workerPid: worker.pid }, 'mediasoup worker started');
    worker.on('died', (error) => {
      const index = this.#workers.indexOf(pooled);
      if (index >= 0) this.#workers.splice(index, 1);
      this.#log.error({ workerPid: worker.pid, err: error }, 'mediasoup worker died');
      if (!this.#closed) {
        const replacing = this.#spawn();
        this.#spawning.add(replacing);
        replacing
          .catch((err: unknown) => this.#log.fatal({ err }, 'could not replace a dead mediasoup worker'))
          .finally(() => this.#spawning.delete(replacing));
      }
      // After the replacement is on its way, so rooms reopened at once find it.
      this.#onWorkerDied(worker);
    });
  }
}
