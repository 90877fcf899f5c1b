/**
 * The benchmark's side of scripts/netns/with-shaped-links.sh: the server's URL, the
 * customer's link shaping, and Chromium inside the customer's namespace.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { fakeMediaChromiumArgs } from './chromium.ts';

const run = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this through scripts/netns/with-shaped-links.sh`);
  return value;
}

export const serverUrl = (): string => env('KANAVA_QUALITY_URL');

/** Sets the customer's link (kbit/s each way, 0 = unshaped); takes effect at once. */
export async function shapeCustomer(upKbps: number, downKbps: number): Promise<void> {
  await run('bash', [env('KQ_NETNS'), 'shape', 'cust', String(upKbps), String(downKbps)]);
}

export function chromiumArgs(url: string): string[] {
  return [
    ...fakeMediaChromiumArgs,
    // getUserMedia needs a secure origin; the SFU namespace's address is plain http.
    `--unsafely-treat-insecure-origin-as-secure=${new URL(url).origin}`,
    '--disable-backgrounding-occluded-windows',
  ];
}

/** Chromium in the customer's namespace: everything it sends and receives crosses the shaped link. */
export function launchCustomerBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: path.join(repoRoot, 'scripts/netns/chromium-in-netns.sh'),
    args: chromiumArgs(serverUrl()),
    env: { ...process.env, KANAVA_NETNS: env('KQ_NS_CUST'), KANAVA_CHROMIUM: process.env['KANAVA_CHROMIUM'] ?? '/usr/bin/chromium' },
  });
}

/** Chromium beside this process (the expert's namespace, unshaped). */
export function launchExpertBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env['KANAVA_CHROMIUM'] ?? '/usr/bin/chromium', args: chromiumArgs(serverUrl()) });
}
