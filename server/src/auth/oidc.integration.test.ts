import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.ts';
import { startTestKanava, type TestKanava } from '../http/routes/testing/testKanava.ts';

/** People known to the test identity provider: login name (= subject) → claims. */
interface IdpPerson {
  sub: string;
  email: string;
  email_verified: boolean;
  name: string;
}

const PUBLIC_URL = 'https://kanava.example.fi';
const CALLBACK = `${PUBLIC_URL}/api/auth/oidc/callback`;

/**
 * A real OpenID provider (node-oidc-provider) in this process, with its development sign-in
 * screens (any login name, any password) standing in for an organisation's identity provider.
 * It enforces what a real one does: registered redirect URI, client secret, PKCE (S256) on
 * the token request, state and nonce round-trips; its ID tokens carry only the subject (the
 * e-mail comes from its UserInfo endpoint, as OIDC Core says for the code flow).
 */
async function startIdentityProvider(people: Map<string, IdpPerson>): Promise<{ issuer: string; close(): Promise<void> }> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'kanava',
        client_secret: 'kanava-client-secret',
        redirect_uris: [CALLBACK],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    cookies: { keys: ['test-idp-cookie-key-0123456789abcdef'] },
    async findAccount(_ctx, id) {
      // The development sign-in screen's login name is the account id, which is the subject.
      const person = people.get(id);
      if (!person) return undefined;
      return { accountId: id, claims: async () => ({ ...person, sub: id }) };
    },
  });
  server.on('request', provider.callback());
  return { issuer, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A browser's cookies for one site, enough for these redirects (names are unique per flow). */
class CookieJar {
  readonly #cookies = new Map<string, string>();
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=.*1970/i.test(a));
      if (!value || expired) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.#cookies].map(([n, v]) => `${n}=${v}`).join('; ');
  }
  get(name: string): string | undefined {
    return this.#cookies.get(name);
  }
  set(name: string, value: string): void {
    this.#cookies.set(name, value);
  }
}

describe('organisation sign-in (OIDC) against a real OpenID provider', () => {
  const people = new Map<string, IdpPerson>();
  let idp: { issuer: string; close(): Promise<void> };
  let t: TestKanava;

  beforeAll(async () => {
    idp = await startIdentityProvider(people);
    t = await startTestKanava('sqlite', {
      KANAVA_OIDC_ISSUER: idp.issuer,
      KANAVA_OIDC_CLIENT_ID: 'kanava',
      KANAVA_OIDC_CLIENT_SECRET: 'kanava-client-secret',
      KANAVA_OIDC_LABEL: 'Kela AD',
      KANAVA_OIDC_ALLOW_HTTP: 'true',
      KANAVA_PUBLIC_URL: PUBLIC_URL,
    });
  });
  afterAll(async () => {
    await t.stop();
    await idp.close();
  });

  /** Kanava's public URL is a name; the test reaches the same server on its local address. */
  const local = (url: string) => (url.startsWith(PUBLIC_URL) ? `${t.kanava.url}${url.slice(PUBLIC_URL.length)}` : url);

  /**
   * What the browser does: Kanava's "organisation sign-in" → the provider's sign-in and consent
   * screens (forms posted like a person would) → back to Kanava's callback. Returns Kanava's final
   * answer (a redirect) and the browser's Kanava cookies.
   */
  async function signInThroughProvider(login: string, tamper?: (kanava: CookieJar) => void): Promise<{ location: string; kanava: CookieJar }> {
    const kanava = new CookieJar();
    const provider = new CookieJar();
    const started = await fetch(`${t.kanava.url}/api/auth/oidc/start`, { redirect: 'manual' });
    kanava.take(started);
    tamper?.(kanava);
    let url = started.headers.get('location') ?? '';
    for (let hop = 0; hop < 12; hop++) {
      if (url.startsWith(PUBLIC_URL) || url.startsWith(t.kanava.url)) {
        const res = await fetch(local(url), { redirect: 'manual', headers: { cookie: kanava.header() } });
        kanava.take(res);
        return { location: res.headers.get('location') ?? `(status ${res.status})`, kanava };
      }
      const res = await fetch(new URL(url, idp.issuer), { redirect: 'manual', headers: { cookie: provider.header() } });
      provider.take(res);
      if (res.status === 200) {
        // One of the provider's screens: sign in (login + password), then allow Kanava the scopes.
        const page = await res.text();
        const action = /action="([^"]+)"/.exec(page)?.[1];
        const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
        if (!action || !prompt) throw new Error(`unexpected provider page: ${page.slice(0, 300)}`);
        const form = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
        const posted = await fetch(new URL(action, idp.issuer), {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie: provider.header(), 'content-type': 'application/x-www-form-urlencoded' },
          body: form,
        });
        provider.take(posted);
        url = posted.headers.get('location') ?? '';
        continue;
      }
      if (res.status < 300 || res.status >= 400) throw new Error(`provider answered ${res.status}: ${await res.text()}`);
      url = res.headers.get('location') ?? '';
    }
    throw new Error('too many redirects');
  }

  const me = async (kanava: CookieJar) => {
    const res = await fetch(`${t.kanava.url}/api/auth/me`, { headers: { cookie: kanava.header() } });
    return res.ok ? ((await res.json()) as { id: string; email: string }) : res.status;
  };

  it('refuses an issuer without a client id at start-up, naming the variable', () => {
    expect(() => loadConfig({ KANAVA_OIDC_ISSUER: 'https://idp.example' }, '/')).toThrow(ConfigError);
    expect(() => loadConfig({ KANAVA_OIDC_ISSUER: 'https://idp.example' }, '/')).toThrow(/KANAVA_OIDC_CLIENT_ID/);
  });

  it('offers the organisation sign-in on the sign-in page', async () => {
    expect(await (await fetch(`${t.kanava.url}/api/auth/options`)).json()).toEqual({ oidc: { label: 'Kela AD' } });
  });

  it('sends the browser to the provider with PKCE (S256), state and nonce, remembered in a short-lived cookie', async () => {
    const res = await fetch(`${t.kanava.url}/api/auth/oidc/start`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location') ?? '');
    expect(`${to.origin}${to.pathname}`).toBe(`${idp.issuer}/auth`);
    expect(Object.fromEntries(to.searchParams)).toMatchObject({
      client_id: 'kanava',
      response_type: 'code',
      redirect_uri: CALLBACK,
      scope: 'openid email profile',
      code_challenge_method: 'S256',
    });
    expect(to.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = res.headers.getSetCookie()[0] ?? '';
    expect(cookie).toMatch(/^kanava_oidc=[A-Za-z0-9_-]+; Max-Age=600; Path=\/api\/auth\/oidc; HttpOnly; Secure; SameSite=Lax$/);
  });

  it('signs in an existing account found by its verified e-mail, then by the subject even after the e-mail changes', async () => {
    const account = t.kanava.demo?.accounts.find((a) => a.role === 'advisor');
    if (!account) throw new Error('demo advisor missing');
    people.set('idp-subject-leena', { sub: 'idp-subject-leena', email: account.email.toUpperCase(), email_verified: true, name: 'Leena' });

    const first = await signInThroughProvider('idp-subject-leena');
    expect(first.location).toBe('/staff');
    expect(first.kanava.get('kanava_session')).toBeTruthy();
    const signedIn = await me(first.kanava);
    expect(signedIn).toMatchObject({ email: account.email });

    // The organisation changes her address: the subject, linked on first use, still finds her.
    people.set('idp-subject-leena', { sub: 'idp-subject-leena', email: 'leena.new@organisation.example', email_verified: true, name: 'Leena' });
    const second = await signInThroughProvider('idp-subject-leena');
    expect(second.location).toBe('/staff');
    expect(await me(second.kanava)).toMatchObject({ id: (signedIn as { id: string }).id });
  });

  it('refuses a person without a Kanava account (or with an unverified address) with the page that says so, signed out', async () => {
    people.set('idp-subject-stranger', { sub: 'idp-subject-stranger', email: 'nobody@organisation.example', email_verified: true, name: 'Stranger' });
    const stranger = await signInThroughProvider('idp-subject-stranger');
    expect(stranger.location).toBe('/sign-in?error=noAccount');
    expect(stranger.kanava.get('kanava_session')).toBeUndefined();
    expect(stranger.kanava.get('kanava_oidc')).toBeUndefined();

    const account = t.kanava.demo?.accounts.find((a) => a.role === 'expert');
    if (!account) throw new Error('demo expert missing');
    people.set('idp-subject-unverified', { sub: 'idp-subject-unverified', email: account.email, email_verified: false, name: 'Unverified' });
    expect((await signInThroughProvider('idp-subject-unverified')).location).toBe('/sign-in?error=noAccount');
  });

  it('fails when the PKCE verifier does not match the challenge: the provider refuses the code', async () => {
    const account = t.kanava.demo?.accounts.find((a) => a.role === 'platformAdmin');
    if (!account) throw new Error('demo admin missing');
    people.set('idp-subject-admin', { sub: 'idp-subject-admin', email: account.email, email_verified: true, name: 'Admin' });
    const forged = await signInThroughProvider('idp-subject-admin', (kanava) => {
      const transaction = JSON.parse(Buffer.from(kanava.get('kanava_oidc') ?? '', 'base64url').toString()) as { verifier: string };
      transaction.verifier = 'x'.repeat(43);
      kanava.set('kanava_oidc', Buffer.from(JSON.stringify(transaction)).toString('base64url'));
    });
    expect(forged.location).toBe('/sign-in?error=failed');
    expect(forged.kanava.get('kanava_session')).toBeUndefined();
    // The same person through an untouched flow gets in: the refusal was the verifier's.
    expect((await signInThroughProvider('idp-subject-admin')).location).toBe('/staff');
  });

  it('sends a callback without its sign-in transaction back to the sign-in page, signed out', async () => {
    const res = await fetch(`${t.kanava.url}/api/auth/oidc/callback?code=abc&state=xyz`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/sign-in?error=failed');
    expect(res.headers.getSetCookie().some((c) => c.startsWith('kanava_session='))).toBe(false);
  });
});
