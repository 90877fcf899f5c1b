import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { hangUpAndClose } from '../fixtures/cleanup.ts';
import { customerWaits } from '../fixtures/kiosk.ts';
import { expectReceivingFrom, expectRemoteVideoRendered } from '../fixtures/room.ts';
import { demoStaff, kioskLinkOf, signedInStaff, staffJoins } from '../fixtures/staff.ts';

test.afterEach(async ({ browser }) => hangUpAndClose(browser));

/** How many peer connections the page has made so far (recorded by the media fixture). */
const connectionsMade = (page: Page): Promise<number> =>
  page.evaluate(() => (window as unknown as { __kanavaPcs?: RTCPeerConnection[] }).__kanavaPcs?.length ?? 0);

/** Video frames decoded and audio bytes received on the connections made after the first `skip`. */
const receivedOnNewConnections = (page: Page, skip: number): Promise<{ frames: number; audioBytes: number }> =>
  page.evaluate(async (skip) => {
    const pcs = (window as unknown as { __kanavaPcs?: RTCPeerConnection[] }).__kanavaPcs ?? [];
    const out = { frames: 0, audioBytes: 0 };
    for (const pc of pcs.slice(skip)) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((s: Record<string, unknown>) => {
        if (s['type'] !== 'inbound-rtp') return;
        if (s['kind'] === 'video') out.frames += Number(s['framesDecoded'] ?? 0);
        else out.audioBytes += Number(s['bytesReceived'] ?? 0);
      });
    }
    return out;
  }, skip);

/** The mediasoup workers of the server under test: children of the process listening on its port. */
function mediasoupWorkersOfServer(baseURL: string): number[] {
  const port = new URL(baseURL).port;
  const listening = execFileSync('ss', ['-Hltnp', `sport = :${port}`], { encoding: 'utf8' });
  const serverPid = /pid=(\d+)/.exec(listening)?.[1];
  if (!serverPid) throw new Error(`no process listens on ${port}`);
  const children = execFileSync('pgrep', ['-P', serverPid, '-f', 'mediasoup-worker'], { encoding: 'utf8' });
  return children.trim().split('\n').map(Number).filter((pid) => pid > 0);
}

test('a call whose media workers are killed gets its media back by itself, the customer still in the call', async ({ browser, baseURL }) => {
  const kiosk = await kioskLinkOf(browser, 'suomussalmi');
  const mikko = await signedInStaff(browser, demoStaff.mikko, 'Mikko');
  await staffJoins(mikko, 'suomussalmi');
  const aino = await customerWaits(browser, kiosk, 'Aino Työläinen');
  await mikko.page.getByRole('region', { name: /Odottamassa/ }).getByRole('listitem').filter({ hasText: aino.name }).getByRole('button', { name: 'Päästä sisään' }).click();
  await expectReceivingFrom(aino, 1);
  await expectReceivingFrom(mikko, 1);

  // Every worker of the server dies at once (so the one carrying this room surely does).
  const workers = mediasoupWorkersOfServer(baseURL ?? '');
  expect(workers.length).toBeGreaterThan(0);
  const old = { aino: await connectionsMade(aino.page), mikko: await connectionsMade(mikko.page) };
  const killedAt = Date.now();
  for (const pid of workers) process.kill(pid, 'SIGKILL');

  // Media flows again both ways on new transports, without a new admission: the customer never sees the lobby.
  const flowing = async (page: Page, skip: number) => {
    const now = await receivedOnNewConnections(page, skip);
    return now.frames > 0 && now.audioBytes > 0;
  };
  await expect.poll(() => flowing(aino.page, old.aino), { timeout: 30_000, intervals: [100] }).toBe(true);
  await expect.poll(() => flowing(mikko.page, old.mikko), { timeout: 30_000, intervals: [100] }).toBe(true);
  const recoveredMs = Date.now() - killedAt;
  await expectReceivingFrom(aino, 1);
  await expectReceivingFrom(mikko, 1);
  await expectRemoteVideoRendered(aino, 1);
  await expect(aino.page.getByRole('toolbar')).toBeVisible();
  await expect(aino.page.getByRole('heading', { name: 'Asiantuntija päästää sinut pian sisään' })).toHaveCount(0);
  await expect(mikko.page.getByRole('region', { name: /Odottamassa/ }).getByRole('listitem').filter({ hasText: aino.name })).toHaveCount(0);
  expect(mediasoupWorkersOfServer(baseURL ?? '').some((pid) => workers.includes(pid))).toBe(false);
  test.info().annotations.push({ type: 'recovery', description: `media flowed again ${recoveredMs} ms after the workers were killed` });
  process.stdout.write(`worker recovery: media flowed again at both ends ${recoveredMs} ms after the kill\n`);
});
