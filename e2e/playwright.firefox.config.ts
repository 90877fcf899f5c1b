import os from 'node:os';
import { defineConfig } from '@playwright/test';
import base from './playwright.config.ts';

/**
 * The customer in Debian's Firefox ESR (driven by puppeteer-core over WebDriver BiDi, see fixtures/firefox.ts),
 * the expert in Chromium: `npm run test:firefox --workspace e2e`.
 *
 * Firefox puts no loopback address among its own ICE candidates (media.peerconnection.ice.loopback has no
 * effect in ESR 153) and will not pair its LAN address with the SFU's 127.0.0.1, so here the server's media
 * listens on the machine's own LAN address, as in production (KANAVA_RTC_ANNOUNCED_ADDRESS's default).
 */
function lanAddress(): string {
  const address = Object.values(os.networkInterfaces())
    .flat()
    .find((a) => a !== undefined && a.family === 'IPv4' && !a.internal)?.address;
  if (!address) throw new Error('the Firefox e2e tests need a non-loopback IPv4 address on this machine');
  return address;
}

const server = base.webServer;
if (!server || Array.isArray(server)) throw new Error('playwright.config.ts has one web server');

export default defineConfig({
  ...base,
  testDir: './firefox',
  webServer: {
    ...server,
    env: { ...server.env, KANAVA_RTC_LISTEN_IP: lanAddress(), KANAVA_RTC_MIN_PORT: '42000', KANAVA_RTC_MAX_PORT: '42499' },
  },
});
