import { expect, test, type Browser, type Page } from '@playwright/test';
import { demoStaff, kioskLinkOf, signedInStaff, staffJoins, type StaffMember } from '../fixtures/staff.ts';
import {
  customerChecks,
  customerWaitsInLobby,
  expectVideoMoving,
  firewallCustomer,
  firstFrameAt,
  launchCustomerBrowser,
  mediaStats,
  qualityUrl,
  receivedVideo,
  selectedPaths,
  sentLayers,
  shapeCustomer,
  shapedLinksAvailable,
  watchFirstFrame,
  type CheckedCustomer,
  type CustomerFirewall,
  type SelectedPath,
} from '../fixtures/shapedLinks.ts';

/**
 * Municipal networks that let no UDP out (only TCP, often only through a proxy): the customer's
 * namespace drops every UDP packet (nftables), so media must go over ICE-TCP to the SFU's own
 * TCP candidates. The link is 2 Mbit/s each way, which carries 720p (quality-links.spec.ts).
 */
test.describe('a customer network without UDP', () => {
  test.skip(!shapedLinksAvailable, 'needs the network namespaces of scripts/netns/with-shaped-links.sh (as root)');

  let expert: StaffMember | undefined;
  let customerBrowser: Browser | undefined;
  test.afterEach(async () => {
    await firewallCustomer({ kind: 'open' });
    await shapeCustomer(0, 0);
    if (expert) {
      await expert.page.getByRole('button', { name: 'Päätä palvelu' }).click({ timeout: 3000 }).catch(() => undefined);
      await expert.page.getByRole('button', { name: 'Lopeta puhelu' }).click({ timeout: 3000 }).catch(() => undefined);
      await expert.context.close();
    }
    await customerBrowser?.close();
    expert = undefined;
    customerBrowser = undefined;
  });

  /** Check, lobby, admission; returns the customer and the time from the expert's "admit" to the customer's first decoded frame. */
  async function throughCheckToCall(
    browser: Browser,
    firewall: CustomerFirewall,
    name: string,
    browserArgs: string[] = [],
  ): Promise<{ customer: CheckedCustomer; e: StaffMember; firstFrameMs: number }> {
    const kiosk = await kioskLinkOf(browser, 'kuhmo');
    await shapeCustomer(2000, 2000);
    await firewallCustomer(firewall);
    customerBrowser = await launchCustomerBrowser(browserArgs);
    const customer = await customerChecks(customerBrowser, kiosk, name);
    const e = await signedInStaff(browser, demoStaff.mikko, 'Mikko');
    expert = e;
    await staffJoins(e, 'kuhmo');
    await customerWaitsInLobby(customer);
    await watchFirstFrame(customer.page);
    const entry = e.page.getByRole('region', { name: /Odottamassa/ }).getByRole('listitem').filter({ hasText: name });
    await entry.getByRole('button', { name: 'Päästä sisään' }).click();
    const admittedAt = Date.now();
    const firstFrameMs = (await firstFrameAt(customer.page)) - admittedAt;
    return { customer, e, firstFrameMs };
  }

  /** Media flows both ways at a size the 2 Mbit/s link carries (720p; `minWidth` for a path that carries less). */
  async function mediaFlowsBothWays(customer: CheckedCustomer, e: StaffMember, minWidth = 1280): Promise<void> {
    const before = await mediaStats(customer.page);
    await expectVideoMoving(customer.page, 30);
    await expectVideoMoving(e.page, 30);
    const after = await mediaStats(customer.page);
    expect(after.videoBytes, 'the customer receives video bytes').toBeGreaterThan(before.videoBytes);
    expect(after.audioBytes, 'the customer receives audio bytes').toBeGreaterThan(before.audioBytes);
    expect(after.outboundBytes, 'the customer sends').toBeGreaterThan(before.outboundBytes);
    await expectLinkSize(customer.page, e.page, 'the expert decodes the customer', minWidth);
    await expectLinkSize(e.page, customer.page, 'the customer decodes the expert', minWidth);
  }

  /**
   * The receiver decodes 1280×720, which the 2 Mbit/s link carries — unless the sender's encoder says
   * the machine's CPU holds it back (several browsers on a loaded 2-core machine): that is not the path.
   */
  async function expectLinkSize(sender: Page, receiver: Page, what: string, minWidth: number): Promise<void> {
    const cpuLimited = async () => (await sentLayers(sender)).some((l) => l.limitation === 'cpu');
    await expect
      .poll(async () => (await receivedVideo(receiver)).width >= minWidth || ((await cpuLimited()) && (await receivedVideo(receiver)).width > 0), { message: `${what} in 720p`, timeout: 20_000, intervals: [250] })
      .toBe(true)
      .catch(async (err: unknown) => {
        throw new Error(`${what}: width ${(await receivedVideo(receiver)).width}; the sender sends ${JSON.stringify(await sentLayers(sender))}`, { cause: err });
      });
    const { width } = await receivedVideo(receiver);
    if (width < minWidth) {
      expect(await sentLayers(sender), `${what}: below 720p only because of the CPU`).toContainEqual(expect.objectContaining({ limitation: 'cpu' }));
      test.info().annotations.push({ type: 'CPU-limited', description: `${what} at width ${width}` });
    }
  }

  test('UDP dropped: a truthful check, the lobby, admission, and media both ways over TCP (ICE-TCP, or TURN over TCP)', async ({ browser }) => {
    const { customer, e, firstFrameMs } = await throughCheckToCall(browser, { kind: 'noUdp' }, 'Aino Ilman UDP:tä');
    // The check measured the link over TCP: 2 Mbit/s passes the recommendation both ways.
    expect(customer.check).toMatchObject({ verdict: 'good', upload: 'good', download: 'good' });
    expect(customer.check.upKbps).toBeLessThanOrEqual(2200);
    expect(customer.check.downKbps).toBeLessThanOrEqual(2200);

    await expect.poll(async () => (await selectedPaths(customer.page)).length, { message: 'send and receive transports connected' }).toBe(2);
    // Straight to the SFU over ICE-TCP, or through the test's TURN over TCP: with TURN configured Chrome
    // sometimes nominates the relay pair first (seen in a full CI run); either way nothing leaves over UDP.
    const paths = await selectedPaths(customer.page);
    for (const path of paths) {
      expect(path).toMatchObject(path.protocol === 'tcp' ? { remoteProtocol: 'tcp', relayProtocol: '' } : { candidateType: 'relay', relayProtocol: 'tcp' });
    }
    const pathNames = paths.map((p) => (p.candidateType === 'relay' ? 'TURN/TCP' : 'ICE-TCP')).join(' + ');
    // Over TCP the SFU's estimate of the customer's downlink ramps up more slowly (a full CI run once held the
    // 640-wide layer for 20 s on a 2 Mbit/s link): a moving picture at least 640 wide, the width reached printed.
    await mediaFlowsBothWays(customer, e, 640);
    process.stdout.write(`[no UDP] expert decodes ${(await receivedVideo(e.page)).width} wide, customer ${(await receivedVideo(customer.page)).width}; check ${JSON.stringify(customer.check)}; paths ${pathNames}; admission → customer's first frame over TCP: ${firstFrameMs} ms\n`);
    test.info().annotations.push({ type: 'admission → first frame (TCP)', description: `${firstFrameMs} ms` });
  });

  test('reference, UDP open: the same path over UDP', async ({ browser }) => {
    const { customer, e, firstFrameMs } = await throughCheckToCall(browser, { kind: 'open' }, 'Aino UDP');
    expect(customer.check.verdict).toBe('good');
    await expect.poll(async () => (await selectedPaths(customer.page)).length).toBe(2);
    for (const path of await selectedPaths(customer.page)) expect(path).toMatchObject({ protocol: 'udp', remoteProtocol: 'udp' });
    await mediaFlowsBothWays(customer, e);
    process.stdout.write(`[UDP] check ${JSON.stringify(customer.check)}; admission → customer's first frame over UDP: ${firstFrameMs} ms\n`);
    test.info().annotations.push({ type: 'admission → first frame (UDP)', description: `${firstFrameMs} ms` });
  });

  test('UDP dropped mid-call: the media moves to TCP (ICE-TCP or TURN) by itself within 20 s, without a new admission', async ({ browser }) => {
    const { customer, e } = await throughCheckToCall(browser, { kind: 'open' }, 'Aino Katkeava UDP');
    await expect.poll(async () => (await selectedPaths(customer.page)).map((p) => p.protocol).join(), { message: 'both transports on UDP' }).toBe('udp,udp');
    await expectVideoMoving(customer.page);
    await expectVideoMoving(e.page);

    await firewallCustomer({ kind: 'noUdp' });
    const blockedAt = Date.now();
    // Over TCP: straight to the SFU (ICE-TCP) or, as the restart checks every pair again, through TURN over TCP.
    const overTcp = (p: SelectedPath) => p.protocol === 'tcp' || p.relayProtocol === 'tcp';
    await expect
      .poll(async () => (await selectedPaths(customer.page)).map((p) => (overTcp(p) ? 'tcp' : p.protocol)).join(), { message: 'both transports moved to TCP', timeout: 20_000, intervals: [100] })
      .toBe('tcp,tcp');
    const onTcpMs = Date.now() - blockedAt;
    const paths = (await selectedPaths(customer.page)).map((p) => (p.candidateType === 'relay' ? 'TURN/TCP' : 'ICE-TCP')).join(' + ');
    // The picture resumes once a key frame gets through the new path: 8.6–14.6 s after the block in most runs,
    // 19.4 s once in a full CI run; the figures are printed, the test asks only that it moves again.
    await expectVideoMoving(customer.page, 20, 40_000);
    const customerDecodesMs = Date.now() - blockedAt;
    await expectVideoMoving(e.page, 20, 40_000);
    const expertDecodesMs = Date.now() - blockedAt;
    await mediaFlowsBothWays(customer, e);
    // The same call: the customer never went back to the lobby, and the expert admitted nobody again.
    await expect(customer.page.getByRole('heading', { name: 'Asiantuntija päästää sinut pian sisään' })).toHaveCount(0);
    await expect(e.page.getByRole('region', { name: /Odottamassa/ }).getByRole('listitem').filter({ hasText: customer.name })).toHaveCount(0);
    await expect(customer.page.getByRole('toolbar')).toBeVisible();
    process.stdout.write(`[UDP dropped mid-call] both transports on TCP (${paths}) after ${onTcpMs} ms; video moving again at the customer ${customerDecodesMs} ms, at the expert ${expertDecodesMs} ms\n`);
    test.info().annotations.push({ type: 'UDP dropped → media on TCP', description: `${onTcpMs} ms` });
  });

  test('UDP dropped and TCP open only to the web server and TURN: media relays through TURN over TCP', async ({ browser }) => {
    const turnPort = Number(process.env['KQ_TURN_PORT'] ?? 0);
    test.skip(!turnPort, 'coturn (Debian package coturn) is not installed, so with-shaped-links.sh started no TURN server');
    const ports = [Number(new URL(qualityUrl()).port), turnPort];
    const { customer, e, firstFrameMs } = await throughCheckToCall(browser, { kind: 'tcpOnly', ports }, 'Aino TURN');
    // Through TURN over TCP the SFU sees UDP from the relay; the browser tells it the path is TCP, so the
    // upload is averaged as over ICE-TCP and not read above the link.
    expect(customer.check).toMatchObject({ verdict: 'good', upload: 'good', download: 'good' });
    expect(customer.check.upKbps).toBeLessThanOrEqual(2200);
    expect(customer.check.downKbps).toBeLessThanOrEqual(2200);
    await expect.poll(async () => (await selectedPaths(customer.page)).length, { message: 'send and receive transports connected' }).toBe(2);
    for (const path of await selectedPaths(customer.page)) expect(path).toMatchObject({ candidateType: 'relay', relayProtocol: 'tcp' });
    // Through the relay the SFU may hold the customer's top layer back longer (its arrivals come in TCP's bursts):
    // one run of six forwarded the 640-wide layer for 20 s while the customer sent 720p unhindered.
    await mediaFlowsBothWays(customer, e, 640);
    process.stdout.write(`[TURN/TCP only] expert decodes ${(await receivedVideo(e.page)).width} wide, customer ${(await receivedVideo(customer.page)).width}; check ${JSON.stringify(customer.check)}; admission → customer's first frame through TURN/TCP: ${firstFrameMs} ms\n`);
    test.info().annotations.push({ type: 'admission → first frame (TURN/TCP)', description: `${firstFrameMs} ms` });
  });

  test('UDP dropped and TCP open only to the web server and to TURN over TLS on 443: media relays through TURN over TLS', async ({ browser }) => {
    const turnTlsPort = Number(process.env['KQ_TURN_TLS_PORT'] ?? 0);
    test.skip(!turnTlsPort, 'no TURN server over TLS (coturn and openssl are installed by ./kanava test)');
    const ports = [Number(new URL(qualityUrl()).port), turnTlsPort];
    // The test's TURN certificate is self-signed for an address; a real one is issued for the TURN host's name.
    const { customer, e, firstFrameMs } = await throughCheckToCall(browser, { kind: 'tcpOnly', ports }, 'Aino TLS', ['--ignore-certificate-errors']);
    expect(customer.check).toMatchObject({ verdict: 'good', upload: 'good', download: 'good' });
    expect(customer.check.upKbps).toBeLessThanOrEqual(2200);
    await expect.poll(async () => (await selectedPaths(customer.page)).length, { message: 'send and receive transports connected' }).toBe(2);
    for (const path of await selectedPaths(customer.page)) expect(path).toMatchObject({ candidateType: 'relay', relayProtocol: 'tls' });
    // Through TLS the sender's estimate may grow slowly: one run at load 15 sent the 640-wide layer for 20 s, the next 720p.
    await mediaFlowsBothWays(customer, e, 640);
    process.stdout.write(`[TURN/TLS only] expert decodes ${(await receivedVideo(e.page)).width} wide, customer ${(await receivedVideo(customer.page)).width}; check ${JSON.stringify(customer.check)}; admission → customer's first frame through TURN/TLS: ${firstFrameMs} ms\n`);
    test.info().annotations.push({ type: 'admission → first frame (TURN/TLS)', description: `${firstFrameMs} ms` });
  });
});
