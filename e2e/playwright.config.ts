import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { e2eMailDir } from './fixtures/mail.ts';

const port = Number(process.env.KANAVA_E2E_PORT ?? 3999);
const baseURL = `http://127.0.0.1:${port}`;
const dataDir = path.join(os.tmpdir(), `kanava-e2e-${process.pid}`);

/** Debian's Chromium with a fake camera (30 fps) and microphone, allowed to use loopback for WebRTC. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--use-fake-device-for-media-stream=fps=30',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

export default defineConfig({
  testDir: './tests',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL,
    browserName: 'chromium',
    launchOptions: { executablePath: process.env.KANAVA_CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs },
    permissions: ['camera', 'microphone'],
    trace: 'off',
  },
  webServer: {
    command: 'node ../server/src/main.ts',
    url: `${baseURL}/readyz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      KANAVA_PORT: String(port),
      KANAVA_HOST: '127.0.0.1',
      KANAVA_DATA_DIR: dataDir,
      KANAVA_RTC_LISTEN_IP: '127.0.0.1',
      KANAVA_RTC_MIN_PORT: '41000',
      KANAVA_RTC_MAX_PORT: '41999',
      KANAVA_LOG_LEVEL: 'warn',
      // Mail as JSON files the booking tests read; the booked expert is told first for 12 s only (booking-expert-first.spec.ts).
      KANAVA_MAIL_DIR: e2eMailDir,
      KANAVA_BOOKING_JOB_INTERVAL_S: '1',
      KANAVA_BOOKING_EXPERT_FIRST_S: '12',
      ...(process.env.MEDIASOUP_WORKER_BIN ? { MEDIASOUP_WORKER_BIN: process.env.MEDIASOUP_WORKER_BIN } : {}),
    },
  },
});
