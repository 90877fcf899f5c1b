/**
 * An SFU node on its own: mediasoup workers on this machine, served to the signalling
 * servers over Redis (see ../remote/wire.ts). Run: `node sfu/src/node/main.ts`.
 */
import http from 'node:http';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { MediasoupSfu } from '../MediasoupSfu.ts';
import { SfuNode } from '../remote/SfuNode.ts';
import { NodeConfigError, loadNodeConfig } from './config.ts';

let config;
try {
  config = loadNodeConfig(process.env);
} catch (err) {
  if (!(err instanceof NodeConfigError)) throw err;
  process.stderr.write(`The SFU node did not start: ${err.message}\n`);
  process.exit(2);
}

const log = pino({ level: config.logLevel, base: { service: 'kanava-sfu', nodeId: config.nodeId } });
const redis = new Redis(config.redisUrl, { lazyConnect: true });
const subscriber = new Redis(config.redisUrl, { lazyConnect: true });
for (const connection of [redis, subscriber]) {
  connection.on('error', (err: unknown) => log.warn({ err }, 'redis connection error'));
}
await Promise.all([redis.connect(), subscriber.connect()]);

const sfu = await MediasoupSfu.create(config.sfu, log);
const node = new SfuNode({ sfu, redis, subscriber, log }, { nodeId: config.nodeId, heartbeatMs: config.heartbeatMs, heartbeatTtlMs: config.heartbeatTtlMs, orphanGraceMs: config.orphanGraceMs });
await node.start();

// The orchestrator's probes: alive while the process answers; ready while a worker runs and Redis is reachable.
const probes = http.createServer((req, res) => {
  const ready = sfu.healthy() && redis.status === 'ready' && subscriber.status === 'ready';
  const status = req.url === '/healthz' ? 200 : req.url === '/readyz' ? (ready ? 200 : 503) : 404;
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: status === 200, nodeId: config.nodeId }));
});
await new Promise<void>((resolve) => probes.listen(config.httpPort, config.httpHost, resolve));
const address = probes.address();
log.info({ httpPort: typeof address === 'object' && address ? address.port : config.httpPort, announcedAddress: config.sfu.announcedAddress }, 'SFU node running');

// mediasoup's workers take over SIGTERM/SIGINT; leave Redis first so the servers move the rooms at once.
let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    void (async () => {
      await node.close();
      await sfu.close();
      probes.close();
      redis.disconnect();
      subscriber.disconnect();
      process.exit(0);
    })();
  });
}
