import { timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import express, { type ErrorRequestHandler, type Express, type Router } from 'express';
import helmet from 'helmet';
import type { Registry } from 'prom-client';
import { KanavaError, PointSlugSchema, httpStatusOf } from '@kanava/shared';
import type { SfuService } from '@kanava/sfu/api';
import type { ServicePointRepository } from '../db/ServicePointRepository.ts';
import { isDependencyUnavailable, unavailableError } from '../cluster/dependencyErrors.ts';
import type { Logger } from '../logger.ts';

export interface HttpDeps {
  points: ServicePointRepository;
  sfu: SfuService;
  clientDir: string;
  log: Logger;
  /** True once the database answers; checked by /readyz. */
  databaseReady: () => Promise<boolean>;
  /** With several nodes: true while the Redis connections are up; checked by /readyz. */
  redisReady?: () => boolean;
  /** Further API routers (records, auth), mounted under /api before its 404. */
  apiRouters?: Router[];
  /** Prometheus exposition at /metrics; with a token, only for `Authorization: Bearer <token>`. */
  metrics?: { registry: Registry; token: string | undefined };
}

export function createHttpApp({ points, sfu, clientDir, log, databaseReady, redisReady, apiRouters = [], metrics }: HttpDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'default-src': ["'self'"],
          'connect-src': ["'self'", 'ws:', 'wss:'],
          // Helmet's default upgrade-insecure-requests turns ws:// into wss:// on a plain-http address
          // (a point's LAN, the shaped-link tests); TLS is the reverse proxy's job (README).
          'upgrade-insecure-requests': null,
          'media-src': ["'self'", 'blob:'],
          'img-src': ["'self'", 'data:', 'blob:'],
          'style-src': ["'self'", "'unsafe-inline'"],
          'worker-src': ["'self'", 'blob:'],
        },
      },
      // Camera and microphone are needed by the room page itself.
      crossOriginEmbedderPolicy: false,
    }),
  );
  // A point's link may be slow (384 kbit/s is the guaranteed minimum): the app goes out compressed.
  app.use(compression());
  app.use((_req, res, next) => {
    res.setHeader('Permissions-Policy', 'camera=(self), microphone=(self), display-capture=(self)');
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const checks = { database: await databaseReady(), media: sfu.healthy(), ...(redisReady ? { redis: redisReady() } : {}) };
    const ready = Object.values(checks).every(Boolean);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks });
  });

  if (metrics) {
    app.get('/metrics', async (req, res) => {
      if (metrics.token && !tokenMatches(req.get('authorization'), metrics.token)) throw new KanavaError('forbidden', 'metrics need the bearer token');
      res.setHeader('Content-Type', metrics.registry.contentType);
      res.send(await metrics.registry.metrics());
    });
  }

  app.get('/api/points/:slug', async (req, res) => {
    const slug = PointSlugSchema.safeParse(req.params.slug);
    if (!slug.success) throw new KanavaError('pointNotFound', 'no such service point');
    const point = await points.findBySlug(slug.data);
    if (!point) throw new KanavaError('pointNotFound', 'no such service point');
    res.json(point);
  });
  app.get('/api/points', async (_req, res) => {
    res.json(await points.list());
  });
  for (const router of apiRouters) app.use('/api', router);
  app.use('/api', (_req, _res) => {
    throw new KanavaError('notFound', 'no such API');
  });

  const indexHtml = path.join(clientDir, 'index.html');
  if (fs.existsSync(indexHtml)) {
    app.use(express.static(clientDir, { index: false, maxAge: '1h', immutable: false }));
    // The SPA owns every other path (/p/<slug>, /); it shows its own "not found" page.
    app.get('/{*path}', (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(indexHtml);
    });
  } else {
    log.warn({ clientDir }, 'client build not found; only the API is served');
  }

  const onError: ErrorRequestHandler = (err: unknown, _req, res, _next) => {
    if (err instanceof KanavaError) {
      res.status(httpStatusOf[err.code]).json({ error: err.toWire() });
      return;
    }
    if (isDependencyUnavailable(err)) {
      log.warn({ err }, 'HTTP request failed: a dependency is unreachable');
      res.status(503).json({ error: unavailableError().toWire() });
      return;
    }
    const status = typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number' ? err.status : 500;
    if (status >= 500) log.error({ err }, 'HTTP request failed');
    res.status(status).json({ error: { code: status === 400 ? 'badRequest' : 'internal', message: status === 400 ? 'bad request' : 'something went wrong on the server' } });
  };
  app.use(onError);
  return app;
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, '') ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
