/**
 * Join and admission benchmark, N runs (default 20), real server + SFU + Debian Chromium on loopback:
 *  - open link → first remote frame: a customer opens the point's kiosk link, goes through the
 *    screens as fast as a script can, is admitted at once, and sees the expert's first video frame;
 *  - admit → first remote frame at the customer, and at the expert (the customer's picture).
 * Printed as median and p95.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { fakeMediaChromiumArgs } from './chromium.ts';
import { startServer } from './server.ts';
import { summary } from './stats.ts';

const runs = Number(process.env.BENCH_JOINS ?? 20);
const port = Number(process.env.BENCH_PORT ?? 3998);
const chromiumPath = process.env.KANAVA_CHROMIUM ?? '/usr/bin/chromium';
const password = process.env.KANAVA_DEMO_PASSWORD ?? 'kanava-demo-2025';

// Browser and SFU both on loopback: Chromium must be allowed to use it for WebRTC.
const args = [...fakeMediaChromiumArgs, '--allow-loopback-in-peer-connection'];

/** Records, as epoch milliseconds, the first frame painted by each remote video (keyed by peer id). */
const frameProbe = () => {
  const w = window as unknown as { __firstFrames: Record<string, number> };
  w.__firstFrames = {};
  new MutationObserver(() => {
    document.querySelectorAll<HTMLVideoElement>('figure.video-tile:not(.self) video').forEach((v) => {
      if (v.dataset['benchWatched']) return;
      v.dataset['benchWatched'] = '1';
      const peer = v.closest('figure')?.getAttribute('data-peer-id') ?? 'unknown';
      v.requestVideoFrameCallback(() => {
        w.__firstFrames[peer] ??= performance.timeOrigin + performance.now();
      });
    });
  }).observe(document, { childList: true, subtree: true });
};

async function signedIn(browser: Browser, baseUrl: string, email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'], baseURL: baseUrl });
  await context.addInitScript(frameProbe);
  const res = await context.request.post('/api/auth/sign-in', { data: { email, password } });
  if (!res.ok()) throw new Error(`sign-in ${email}: ${res.status()}`);
  return { context, page: await context.newPage() };
}

async function kioskLink(browser: Browser, baseUrl: string, slug: string): Promise<string> {
  const { context } = await signedIn(browser, baseUrl, 'admin@kanava.example');
  const points = (await (await context.request.get('/api/registry/points')).json()) as Array<{ slug: string; kioskToken: string }>;
  await context.close();
  const point = points.find((p) => p.slug === slug);
  if (!point) throw new Error(`no point ${slug}`);
  return `${baseUrl}/p/${slug}?k=${encodeURIComponent(point.kioskToken)}`;
}

const firstFrames = (page: Page) => page.evaluate(() => (window as unknown as { __firstFrames: Record<string, number> }).__firstFrames);

const server = await startServer(port);
const browser = await chromium.launch({ executablePath: chromiumPath, args });
try {
  const link = await kioskLink(browser, server.url, 'kuhmo');
  const expert = await signedIn(browser, server.url, 'mikko.expert@kanava.example');
  await expert.page.goto(`${server.url}/p/kuhmo`);
  await expert.page.getByRole('button', { name: /^Liity nimellä/ }).click();
  await expert.page.getByRole('toolbar').waitFor();
  const admitButton = expert.page.getByRole('region', { name: /Odottamassa/ }).getByRole('button', { name: 'Päästä sisään' });

  const openToFrame: number[] = [];
  const admitToCustomerFrame: number[] = [];
  const admitToExpertFrame: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
    await context.addInitScript(frameProbe);
    const page = await context.newPage();
    const opened = Date.now();
    await page.goto(link);
    await page.getByRole('group', { name: 'Valitse kieli aloittaaksesi' }).getByRole('button', { name: 'Suomi' }).click();
    const enter = page.getByRole('button', { name: 'Siirry odottamaan' });
    await page.waitForFunction(() => !document.querySelector<HTMLButtonElement>('form.prejoin-form button[type=submit]')?.disabled);
    await enter.click();
    await admitButton.waitFor();
    const admitted = Date.now();
    await admitButton.click();
    await page.waitForFunction(() => Object.keys((window as unknown as { __firstFrames: Record<string, number> }).__firstFrames).length > 0, undefined, { timeout: 30_000, polling: 50 });
    const customerFrame = Math.min(...Object.values(await firstFrames(page)));
    let expertFrame: number | undefined;
    for (let tries = 0; tries < 600 && expertFrame === undefined; tries++) {
      const frames = await firstFrames(expert.page);
      const newest = Object.values(frames).filter((t) => t >= admitted);
      if (newest.length > 0) expertFrame = Math.min(...newest);
      else await expert.page.waitForTimeout(50);
    }
    if (expertFrame === undefined) throw new Error('the expert never saw the customer');
    openToFrame.push(customerFrame - opened);
    admitToCustomerFrame.push(customerFrame - admitted);
    admitToExpertFrame.push(expertFrame - admitted);
    process.stderr.write(
      `run ${i + 1}/${runs}: link→frame ${(customerFrame - opened).toFixed(0)} ms, admit→frame customer ${(customerFrame - admitted).toFixed(0)} ms, expert ${(expertFrame - admitted).toFixed(0)} ms\n`,
    );
    await page.getByRole('button', { name: 'Lopeta puhelu' }).click();
    await context.close();
    await expert.page.locator('figure.video-tile:not(.self)').first().waitFor({ state: 'detached' });
  }
  await expert.context.close();

  const round = (s: ReturnType<typeof summary>) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Math.round(v)]));
  const result = {
    benchmark: 'join-latency',
    runs,
    openLinkToFirstRemoteFrameMs: round(summary(openToFrame)),
    admitToFirstFrameAtCustomerMs: round(summary(admitToCustomerFrame)),
    admitToFirstFrameAtExpertMs: round(summary(admitToExpertFrame)),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  const line = (label: string, s: Record<string, number>) => `  ${label.padEnd(44)} median ${s['median']} ms, p95 ${s['p95']} ms\n`;
  process.stdout.write(
    `\nJoin and admission over ${runs} runs (loopback; the script clicks as soon as each button is ready):\n` +
      line('open kiosk link → first expert frame', result.openLinkToFirstRemoteFrameMs) +
      line('admit → first expert frame at the customer', result.admitToFirstFrameAtCustomerMs) +
      line('admit → first customer frame at the expert', result.admitToFirstFrameAtExpertMs),
  );
} finally {
  await browser.close();
  await server.stop();
}
