import { Redis } from 'ioredis';
import { MediasoupSfu, RemoteSfuService, defaultWorkerCount } from '@kanava/sfu';
import type { SfuService } from '@kanava/sfu/api';
import type { ServerConfig } from '../config.ts';
import type { Logger } from '../logger.ts';

/**
 * The media behind the server: mediasoup workers in this process (embedded, the default: one
 * machine, `./kanava start`), or SFU nodes reached over Redis (KANAVA_SFU_MODE=remote).
 * Everything else sees the SfuService interface only.
 */
export async function createSfu(config: ServerConfig['sfu'], log: Logger): Promise<SfuService> {
  if (config.remote) {
    const { redisUrl, requestTimeoutMs, pollMs } = config.remote;
    const redis = new Redis(redisUrl, { lazyConnect: true });
    const subscriber = new Redis(redisUrl, { lazyConnect: true });
    for (const connection of [redis, subscriber]) {
      connection.on('error', (err: unknown) => log.warn({ err, component: 'remoteSfu' }, 'redis connection error'));
    }
    await Promise.all([redis.connect(), subscriber.connect()]);
    return RemoteSfuService.connect({ redis, subscriber, log }, { requestTimeoutMs, pollMs });
  }
  return MediasoupSfu.create(
    {
      numWorkers: config.numWorkers ?? defaultWorkerCount(),
      workerBin: config.workerBin,
      listenIp: config.listenIp,
      announcedAddress: config.announcedAddress,
      rtcMinPort: config.rtcMinPort,
      rtcMaxPort: config.rtcMaxPort,
      enableTcp: config.enableTcp,
      initialAvailableOutgoingBitrate: 1_000_000,
      logLevel: 'warn',
    },
    log,
  );
}
