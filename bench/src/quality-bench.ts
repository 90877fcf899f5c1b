/**
 * Quality benchmark over real shaped links (run by `npm run bench:quality`, as root):
 *  1. the pre-call check's accuracy (measured ÷ tc rate) and duration at 250, 400, 800
 *     and 2000 kbit/s each way, BENCH_ROUNDS rounds each (default 2);
 *  2. the time from admission to 1280×720 at the receiver when the customer's link is
 *     2 Mbit/s each way (the check's upload sets the customer's start bitrate).
 * Prints a JSON line per measurement and the tables at the end.
 */
import { request, type Browser, type Page } from 'playwright-core';
import { launchCustomerBrowser, launchExpertBrowser, serverUrl, shapeCustomer } from './shapedLinks.ts';
import { summary } from './stats.ts';

const rates = (process.env['BENCH_RATES'] ?? '250,400,800,2000').split(',').map(Number);
const rounds = Number(process.env['BENCH_ROUNDS'] ?? 2);
const hdRounds = Number(process.env['BENCH_720P_ROUNDS'] ?? 3);
const DEMO_PASSWORD = process.env['KANAVA_DEMO_PASSWORD'] ?? 'kanava-demo-2025';

interface CheckRun {
  rate: number;
  upKbps: number;
  downKbps: number;
  durationMs: number;
  rttMs: number | undefined;
}

async function signedInRequest(email: string) {
  const api = await request.newContext({ baseURL: serverUrl() });
  const res = await api.post('/api/auth/sign-in', { data: { email, password: DEMO_PASSWORD } });
  if (!res.ok()) throw new Error(`sign-in of ${email} failed: ${res.status()}`);
  return api;
}

async function kioskLink(slug: string): Promise<string> {
  const api = await signedInRequest('admin@kanava.example');
  try {
    const points = (await (await api.get('/api/registry/points')).json()) as Array<{ slug: string; kioskToken: string }>;
    const point = points.find((p) => p.slug === slug);
    if (!point) throw new Error(`no point ${slug}`);
    return `${serverUrl()}/p/${slug}?k=${encodeURIComponent(point.kioskToken)}`;
  } finally {
    await api.dispose();
  }
}

/** Opens the kiosk link, picks Finnish, and waits for the device and connection check to finish. */
async function customerChecked(browser: Browser, link: string): Promise<{ page: Page; figures: Omit<CheckRun, 'rate'> }> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  const page = await context.newPage();
  if (process.env['BENCH_DEBUG']) page.on('console', (m) => process.stderr.write(`[page] ${m.text()}\n`));
  await page.goto(link);
  await page.getByRole('group', { name: /Valitse kieli/ }).getByRole('button', { name: 'Suomi' }).click();
  const panel = page.locator('section.precheck[data-state="done"]');
  await panel.waitFor({ timeout: 45_000 }).catch(async (err: unknown) => {
    const state = await page.locator('section.precheck').evaluate((el) => `${el.getAttribute('data-state')}: ${el.textContent ?? ''}`).catch(() => 'no check on the page');
    throw new Error(`the check did not finish (${state})`, { cause: err });
  });
  const attr = async (name: string) => Number(await panel.getAttribute(name));
  const rtt = await panel.getAttribute('data-rtt-ms');
  return {
    page,
    figures: { upKbps: await attr('data-up-kbps'), downKbps: await attr('data-down-kbps'), durationMs: await attr('data-duration-ms'), rttMs: rtt === null ? undefined : Number(rtt) },
  };
}

async function checkAccuracy(link: string): Promise<CheckRun[]> {
  const out: CheckRun[] = [];
  for (const rate of rates) {
    for (let round = 0; round < rounds; round++) {
      await shapeCustomer(rate, rate);
      const browser = await launchCustomerBrowser();
      try {
        const { figures } = await customerChecked(browser, link);
        const runResult = { rate, ...figures };
        out.push(runResult);
        process.stdout.write(`${JSON.stringify({ benchmark: 'precheck', ...runResult })}\n`);
      } finally {
        await browser.close();
      }
    }
  }
  return out;
}

/** The expert waits in the room; the customer (2 Mbit/s each way) checks, waits, is admitted; time until the expert decodes 1280×720. */
async function timeTo720p(link: string): Promise<number[]> {
  await shapeCustomer(2000, 2000);
  const times: number[] = [];
  const expertBrowser = await launchExpertBrowser();
  try {
    for (let round = 0; round < hdRounds; round++) {
      const customerBrowser = await launchCustomerBrowser();
      try {
        const api = await signedInRequest('mikko.expert@kanava.example');
        const state = await api.storageState();
        await api.dispose();
        const expertContext = await expertBrowser.newContext({ permissions: ['camera', 'microphone'], storageState: state });
        await expertContext.addInitScript(recordPeerConnections);
        const expert = await expertContext.newPage();
        await expert.goto(`${serverUrl()}/p/kuhmo`);
        await expert.getByRole('button', { name: /^Liity nimellä/ }).click();
        await expert.getByRole('toolbar').waitFor();

        const { page: customer } = await customerChecked(customerBrowser, link);
        await customer.getByLabel('Nimesi (vapaaehtoinen)').fill('Aino');
        await customer.getByRole('button', { name: 'Siirry odottamaan' }).click();
        const lobby = expert.getByRole('region', { name: /Odottamassa/ });
        await lobby.getByRole('button', { name: 'Päästä sisään' }).click();
        const admittedAt = Date.now();
        await expert.waitForFunction(receives720p, undefined, { timeout: 60_000, polling: 100 });
        const ms = Date.now() - admittedAt;
        times.push(ms);
        process.stdout.write(`${JSON.stringify({ benchmark: 'timeTo720p', round: round + 1, ms })}\n`);
        await expert.getByRole('button', { name: 'Päätä palvelu' }).click().catch(() => undefined);
        await expertContext.close();
      } finally {
        await customerBrowser.close();
      }
    }
  } finally {
    await expertBrowser.close();
  }
  return times;
}

/** Injected into the expert's page: keeps its RTCPeerConnections for getStats. */
function recordPeerConnections(): void {
  const w = window as unknown as { __kanavaPcs: RTCPeerConnection[]; RTCPeerConnection: typeof RTCPeerConnection };
  w.__kanavaPcs = [];
  const Original = window.RTCPeerConnection;
  w.RTCPeerConnection = class extends Original {
    constructor(config?: RTCConfiguration) {
      super(config);
      w.__kanavaPcs.push(this);
    }
  };
}

/** True once the page decodes a remote video of 1280×720 or more. */
async function receives720p(): Promise<boolean> {
  const w = window as unknown as { __kanavaPcs?: RTCPeerConnection[] };
  for (const pc of w.__kanavaPcs ?? []) {
    if (pc.connectionState === 'closed') continue;
    let hd = false;
    (await pc.getStats()).forEach((s: Record<string, unknown>) => {
      if (s['type'] === 'inbound-rtp' && s['kind'] === 'video' && Number(s['frameWidth'] ?? 0) >= 1280 && Number(s['framesDecoded'] ?? 0) > 0) hd = true;
    });
    if (hd) return true;
  }
  return false;
}

const link = await kioskLink('kuhmo');
const checks = await checkAccuracy(link);
const hd = hdRounds > 0 ? await timeTo720p(link) : [];

const pad = (s: string | number, n: number) => String(s).padStart(n);
const lines = ['', 'Pre-call check over a tc tbf link (same rate each way), measured ÷ tc rate:', '  tc kbit/s | upload kbit/s (÷tc)   | download kbit/s (÷tc) | duration s | RTT ms'];
for (const rate of rates) {
  for (const c of checks.filter((x) => x.rate === rate)) {
    lines.push(
      `  ${pad(rate, 9)} | ${pad(c.upKbps, 6)} (${(c.upKbps / rate).toFixed(2)})        | ${pad(c.downKbps, 6)} (${(c.downKbps / rate).toFixed(2)})       | ${pad((c.durationMs / 1000).toFixed(1), 10)} | ${pad(c.rttMs ?? '-', 6)}`,
    );
  }
}
if (hd.length > 0) {
  const s = summary(hd);
  lines.push('', `Admission → 1280×720 decoded at the expert, customer on 2 Mbit/s each way (${hd.length} runs): median ${(s.median / 1000).toFixed(1)} s, max ${(s.max / 1000).toFixed(1)} s (${hd.map((t) => (t / 1000).toFixed(1)).join(', ')})`);
}
process.stdout.write(`${lines.join('\n')}\n`);
