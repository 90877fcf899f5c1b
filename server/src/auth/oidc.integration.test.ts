import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.ts';
import { startTestKanava, type TestKanava } from '../http/routes/testing/testKanava.ts';

/**
 * No real identity provider is reachable here: a local server publishes a discovery
 * document, which is enough to test the configuration and the redirect to the provider.
 */
describe('organisation sign-in (OIDC)', () => {
  let idp: http.Server;
  let issuer: string;
  let t: TestKanava;

  beforeAll(async () => {
    idp = http.createServer((req, res) => {
      if (req.url === '/.well-known/openid-configuration') {
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            issuer,
            authorization_endpoint: `${issuer}/authorize`,
            token_endpoint: `${issuer}/token`,
            jwks_uri: `${issuer}/jwks`,
            response_types_supported: ['code'],
            subject_types_supported: ['public'],
            id_token_signing_alg_values_supported: ['RS256'],
          }),
        );
        return;
      }
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
    t = await startTestKanava('sqlite', {
      KANAVA_OIDC_ISSUER: issuer,
      KANAVA_OIDC_CLIENT_ID: 'kanava',
      KANAVA_OIDC_CLIENT_SECRET: 'secret',
      KANAVA_OIDC_LABEL: 'Kela AD',
      KANAVA_OIDC_ALLOW_HTTP: 'true',
      KANAVA_PUBLIC_URL: 'https://kanava.example.fi',
    });
  });
  afterAll(async () => {
    await t.stop();
    await new Promise((resolve) => idp.close(resolve));
  });

  it('refuses an issuer without a client id at start-up, naming the variable', () => {
    expect(() => loadConfig({ KANAVA_OIDC_ISSUER: 'https://idp.example' }, '/')).toThrow(ConfigError);
    expect(() => loadConfig({ KANAVA_OIDC_ISSUER: 'https://idp.example' }, '/')).toThrow(/KANAVA_OIDC_CLIENT_ID/);
  });

  it('offers the organisation sign-in on the sign-in page', async () => {
    expect(await (await fetch(`${t.kanava.url}/api/auth/options`)).json()).toEqual({ oidc: { label: 'Kela AD' } });
  });

  it('sends the browser to the identity provider with PKCE, state and nonce, remembered in a short-lived cookie', async () => {
    const res = await fetch(`${t.kanava.url}/api/auth/oidc/start`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location') ?? '');
    expect(`${to.origin}${to.pathname}`).toBe(`${issuer}/authorize`);
    expect(Object.fromEntries(to.searchParams)).toMatchObject({
      client_id: 'kanava',
      response_type: 'code',
      redirect_uri: 'https://kanava.example.fi/api/auth/oidc/callback',
      scope: 'openid email profile',
      code_challenge_method: 'S256',
    });
    expect(to.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(to.searchParams.get('state')).toBeTruthy();
    expect(to.searchParams.get('nonce')).toBeTruthy();
    const cookie = res.headers.getSetCookie()[0] ?? '';
    expect(cookie).toMatch(/^kanava_oidc=[A-Za-z0-9_-]+; Max-Age=600; Path=\/api\/auth\/oidc; HttpOnly; Secure; SameSite=Lax$/);
  });

  it('sends a callback without its sign-in transaction back to the sign-in page, signed out', async () => {
    const res = await fetch(`${t.kanava.url}/api/auth/oidc/callback?code=abc&state=xyz`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/sign-in?error=failed');
    expect(res.headers.getSetCookie().some((c) => c.startsWith('kanava_session='))).toBe(false);
  });
});
