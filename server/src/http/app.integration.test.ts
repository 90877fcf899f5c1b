import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { startKanava, type RunningKanava } from '../app.ts';
import { loadConfig } from '../config.ts';

let kanava: RunningKanava;
const clientDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kanava-client-'));

beforeAll(async () => {
  fs.writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>Kanava</title>');
  const config = loadConfig(
    {
      KANAVA_PORT: '0',
      KANAVA_HOST: '127.0.0.1',
      KANAVA_RTC_LISTEN_IP: '127.0.0.1',
      KANAVA_SFU_WORKERS: '1',
      KANAVA_CLIENT_DIR: clientDir,
      KANAVA_METRICS_TOKEN: 'metrics-token-for-the-test',
    },
    process.cwd(),
  );
  kanava = await startKanava({ ...config, sfu: { ...config.sfu, workerBin: process.env.MEDIASOUP_WORKER_BIN } }, pino({ level: 'silent' }), { databaseFile: ':memory:' });
});

afterAll(async () => {
  await kanava.close();
  fs.rmSync(clientDir, { recursive: true, force: true });
});

describe('HTTP', () => {
  it('reports liveness and readiness with the database and media checks', async () => {
    expect(await (await fetch(`${kanava.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${kanava.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: true, media: true } });
  });

  it('gives a point’s public details by its link, and a clear 404 for an unknown or malformed one', async () => {
    const found = await fetch(`${kanava.url}/api/points/kuhmo`);
    expect(found.status).toBe(200);
    expect(await found.json()).toMatchObject({ slug: 'kuhmo', nameFi: 'Kuhmon asiointipiste', municipality: 'Kuhmo' });
    for (const slug of ['ei-ole', 'NOT_A_SLUG', '..%2Fetc']) {
      const res = await fetch(`${kanava.url}/api/points/${slug}`);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: { code: 'pointNotFound', message: 'no such service point' } });
    }
  });

  it('serves the single-page app for a point link, with security headers', async () => {
    const res = await fetch(`${kanava.url}/p/kuhmo`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>Kanava</title>');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('compresses what it sends when the browser accepts it', async () => {
    const res = await fetch(`${kanava.url}/api/points`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    // Small bodies stay uncompressed; the header says whether compression was considered.
    expect(res.headers.get('vary')?.toLowerCase()).toContain('accept-encoding');
  });

  it('answers an unknown API path with JSON, not the app', async () => {
    const res = await fetch(`${kanava.url}/api/nothing-here`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'notFound' } });
  });

  it('shows metrics only with the configured bearer token', async () => {
    expect((await fetch(`${kanava.url}/metrics`)).status).toBe(403);
    expect((await fetch(`${kanava.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-of-some-length' } })).status).toBe(403);
    const res = await fetch(`${kanava.url}/metrics`, { headers: { authorization: 'Bearer metrics-token-for-the-test' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^kanava_sfu_workers\{service="kanava-server"\} 1$/m);
  });
});
