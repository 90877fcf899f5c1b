/**
 * Join benchmark: time from opening a point's link to the first decoded frame of the
 * other participant's video, over N joins (default 20), printed as median and p95.
 * Real server, real SFU, Debian's Chromium with a fake 720p30 camera, all on loopback.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer } from './server.ts';
import { summary } from './stats.ts';

const joins = Number(process.env.BENCH_JOINS ?? 20);
const port = Number(process.env.BENCH_PORT ?? 3998);
const chromiumPath = process.env.KANAVA_CHROMIUM ?? '/usr/bin/chromium';

const args = [
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
];

/** Marks, in the page's own clock (ms since navigation start), the first frame painted in any remote video. */
const firstRemoteFrameProbe = () => {
  const w = window as unknown as { __firstRemoteFrameAt?: number; __joinClickedAt?: number };
  const watch = (video: HTMLVideoElement) => {
    video.requestVideoFrameCallback(() => {
      w.__firstRemoteFrameAt ??= performance.now();
    });
  };
  new MutationObserver(() => {
    document.querySelectorAll<HTMLVideoElement>('figure.video-tile:not(.self) video').forEach((v) => {
      if (v.dataset['benchWatched']) return;
      v.dataset['benchWatched'] = '1';
      watch(v);
    });
  }).observe(document, { childList: true, subtree: true });
};

async function joinOnce(browser: Browser, url: string, name: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  await context.addInitScript(firstRemoteFrameProbe);
  const page = await context.newPage();
  await page.goto(`${url}/p/kuhmo`);
  await page.getByLabel('Nimesi (vapaaehtoinen)').fill(name);
  const join = page.getByRole('button', { name: 'Liity', exact: true });
  await join.waitFor();
  await page.waitForFunction(() => !document.querySelector<HTMLButtonElement>('form.prejoin-form button[type=submit]')?.disabled);
  await page.evaluate(() => {
    (window as unknown as { __joinClickedAt: number }).__joinClickedAt = performance.now();
  });
  await join.click();
  return { page, close: () => context.close() };
}

const server = await startServer(port);
const browser = await chromium.launch({ executablePath: chromiumPath, args });
try {
  // The expert is already in the room, sending camera and microphone.
  const host = await joinOnce(browser, server.url, 'Asiantuntija');
  await host.page.getByRole('toolbar').waitFor();

  const total: number[] = [];
  const afterClick: number[] = [];
  for (let i = 0; i < joins; i++) {
    const guest = await joinOnce(browser, server.url, `Asiakas ${i + 1}`);
    const handle = await guest.page.waitForFunction(
      () => {
        const w = window as unknown as { __firstRemoteFrameAt?: number; __joinClickedAt?: number };
        return w.__firstRemoteFrameAt !== undefined ? { frame: w.__firstRemoteFrameAt, click: w.__joinClickedAt ?? 0 } : false;
      },
      undefined,
      { timeout: 30_000, polling: 50 },
    );
    const marks = await handle.jsonValue();
    if (!marks) throw new Error('no remote frame');
    const { frame, click } = marks;
    total.push(frame);
    afterClick.push(frame - click);
    process.stderr.write(`join ${i + 1}/${joins}: ${frame.toFixed(0)} ms from opening the link, ${(frame - click).toFixed(0)} ms after pressing Join\n`);
    await guest.page.getByRole('button', { name: 'Lopeta puhelu' }).click();
    await guest.close();
  }
  await host.close();

  const round = (s: ReturnType<typeof summary>) =>
    Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Math.round(v)]));
  const result = {
    benchmark: 'join-latency',
    joins,
    openLinkToFirstRemoteFrameMs: round(summary(total)),
    joinPressToFirstRemoteFrameMs: round(summary(afterClick)),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.stdout.write(
    `\nJoin latency over ${joins} joins (loopback, 2 participants):\n` +
      `  open link → first remote frame : median ${result.openLinkToFirstRemoteFrameMs['median']} ms, p95 ${result.openLinkToFirstRemoteFrameMs['p95']} ms\n` +
      `  press Join → first remote frame: median ${result.joinPressToFirstRemoteFrameMs['median']} ms, p95 ${result.joinPressToFirstRemoteFrameMs['p95']} ms\n`,
  );
} finally {
  await browser.close();
  await server.stop();
}
