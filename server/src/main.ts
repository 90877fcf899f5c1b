import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { startKanava } from './app.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let config;
try {
  config = loadConfig(process.env, repoRoot);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`Kanava did not start: ${err.message}\n`);
  process.exit(2);
}

const log = createLogger(config.logLevel);
const kanava = await startKanava(config, log);
const url = config.publicUrl ?? kanava.url;
log.info({ url, announcedAddress: config.sfu.announcedAddress, databaseFile: config.databaseFile }, 'Kanava is running');
process.stdout.write(`\nKanava is running. Open ${url}/  (staff: ${url}/staff)\n\n`);
if (kanava.demo) {
  // Demo data only: fixed, documented demo credentials, printed so a first-time user can sign in.
  const lines = [`Staff sign-in: ${url}/sign-in   (demo password for every account: ${kanava.demo.password})`];
  for (const a of kanava.demo.accounts) lines.push(`  ${a.email.padEnd(32)} ${a.role.padEnd(14)} ${a.displayName}`);
  lines.push('Kiosk links (the fixed link of each point with its kiosk token):');
  for (const k of kanava.demo.kioskLinks) lines.push(`  ${url}${k.path}`);
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

// mediasoup's workers take over SIGTERM/SIGINT (they close themselves), which turns off
// Node's default exit; close everything in order and exit ourselves.
let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    kanava.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'unclean stop');
        process.exit(1);
      },
    );
  });
}
