import { defineConfig } from '@playwright/test';
import { secureOriginArgs, qualityUrl } from './fixtures/shapedLinks.ts';

/**
 * Quality tests over real shaped links (network namespaces + tc tbf). Run through
 * `npm run test:quality` (root only), which creates the namespaces, starts the server in the
 * SFU namespace and runs Playwright in the expert namespace; see scripts/netns/.
 */
export default defineConfig({
  testDir: './tests',
  testMatch: /quality.*\.spec\.ts$/,
  timeout: 180_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: qualityUrl(),
    browserName: 'chromium',
    launchOptions: { executablePath: process.env['KANAVA_CHROMIUM'] ?? '/usr/bin/chromium', args: secureOriginArgs() },
    permissions: ['camera', 'microphone'],
    trace: 'off',
  },
});
