import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { hangUpAndClose } from '../fixtures/cleanup.ts';
import { customerWaits } from '../fixtures/kiosk.ts';
import { expectReceivingFrom, expectRemoteVideoRendered } from '../fixtures/room.ts';
import { demoStaff, kioskLinkOf, signedInStaff, staffJoins } from '../fixtures/staff.ts';
import { sfuNodesSetup } from '../playwright.sfu-nodes.config.ts';

test.afterEach(async ({ browser }) => hangUpAndClose(browser));

const redis = (...args: string[]): string =>
  execFileSync('redis-cli', ['-p', String(sfuNodesSetup.redisPort), ...args], { encoding: 'utf8' }).trim();

/** The SFU node the only call is placed on, as the servers recorded it in Redis. */
function nodeOfTheCall(): string {
  const keys = redis('--scan', '--pattern', 'kanava:sfu:room:*').split('\n').filter(Boolean);
  expect(keys).toHaveLength(1);
  return redis('GET', keys[0] ?? '').split(' ')[0] ?? '';
}

function pidListeningOn(port: number): number {
  const pid = /pid=(\d+)/.exec(execFileSync('ss', ['-Hltnp', `sport = :${port}`], { encoding: 'utf8' }))?.[1];
  if (!pid) throw new Error(`no process listens on ${port}`);
  return Number(pid);
}

const connectionsMade = (page: Page): Promise<number> =>
  page.evaluate(() => (window as unknown as { __kanavaPcs?: RTCPeerConnection[] }).__kanavaPcs?.length ?? 0);

/** Video frames decoded and audio bytes received on the connections made after the first `skip`. */
const receivingOnNewConnections = (page: Page, skip: number): Promise<boolean> =>
  page.evaluate(async (skip) => {
    const pcs = (window as unknown as { __kanavaPcs?: RTCPeerConnection[] }).__kanavaPcs ?? [];
    let frames = 0;
    let audioBytes = 0;
    for (const pc of pcs.slice(skip)) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((s: Record<string, unknown>) => {
        if (s['type'] !== 'inbound-rtp') return;
        if (s['kind'] === 'video') frames += Number(s['framesDecoded'] ?? 0);
        else audioBytes += Number(s['bytesReceived'] ?? 0);
      });
    }
    return frames > 0 && audioBytes > 0;
  }, skip);

test('a call whose SFU node dies moves to the other node and its media flows again, the customer still in the call', async ({ browser }) => {
  const kiosk = await kioskLinkOf(browser, 'suomussalmi');
  const mikko = await signedInStaff(browser, demoStaff.mikko, 'Mikko');
  await staffJoins(mikko, 'suomussalmi');
  const aino = await customerWaits(browser, kiosk, 'Aino Solmu');
  await mikko.page.getByRole('region', { name: /Odottamassa/ }).getByRole('listitem').filter({ hasText: aino.name }).getByRole('button', { name: 'Päästä sisään' }).click();
  await expectReceivingFrom(aino, 1);
  await expectReceivingFrom(mikko, 1);

  const doomed = sfuNodesSetup.nodes.find((n) => n.nodeId === nodeOfTheCall());
  const survivor = sfuNodesSetup.nodes.find((n) => n !== doomed);
  if (!doomed || !survivor) throw new Error('the call is not on a node of this run');
  const old = { aino: await connectionsMade(aino.page), mikko: await connectionsMade(mikko.page) };
  const killedAt = Date.now();
  process.kill(pidListeningOn(doomed.httpPort), 'SIGKILL');

  await expect.poll(() => receivingOnNewConnections(aino.page, old.aino), { timeout: 30_000, intervals: [100] }).toBe(true);
  await expect.poll(() => receivingOnNewConnections(mikko.page, old.mikko), { timeout: 30_000, intervals: [100] }).toBe(true);
  const recoveredMs = Date.now() - killedAt;
  expect(nodeOfTheCall()).toBe(survivor.nodeId);
  await expectReceivingFrom(aino, 1);
  await expectReceivingFrom(mikko, 1);
  await expectRemoteVideoRendered(aino, 1);
  await expect(aino.page.getByRole('heading', { name: 'Asiantuntija päästää sinut pian sisään' })).toHaveCount(0);
  await expect(mikko.page.getByRole('region', { name: /Odottamassa/ }).getByRole('listitem').filter({ hasText: aino.name })).toHaveCount(0);
  process.stdout.write(`SFU node failover: media flowed again at both ends ${recoveredMs} ms after the node was killed (heartbeat TTL 2 s)\n`);
});
