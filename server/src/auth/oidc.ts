import { z } from 'zod';
import * as client from 'openid-client';
import { parseCookie, stringifySetCookie } from 'cookie';
import { EmailSchema, type StaffUserId } from '@kanava/shared';
import type { OidcConfig } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { Records } from '../records/Records.ts';
import type { CookieSettings } from './cookies.ts';

const TRANSACTION_COOKIE = 'kanava_oidc';
const TransactionSchema = z.object({ verifier: z.string().min(43).max(128), state: z.string().min(1), nonce: z.string().min(1) });

export type OidcOutcome = { kind: 'signedIn'; accountId: StaffUserId } | { kind: 'noAccount' } | { kind: 'failed' };

/**
 * Sign-in through an organisation's own identity provider (authorisation code flow with
 * PKCE, state and nonce). Kanava does not create accounts from it: the identity provider
 * says who the person is, Kanava's own account says what they may do. The account is
 * found by the token's subject, or on first use by its verified e-mail address.
 */
export class OidcSignIn {
  readonly #config: OidcConfig;
  readonly #records: Records;
  readonly #log: Logger;
  readonly #cookies: CookieSettings;
  #discovered: Promise<client.Configuration> | undefined;

  constructor(config: OidcConfig, records: Records, log: Logger, cookies: CookieSettings) {
    this.#config = config;
    this.#records = records;
    this.#log = log;
    this.#cookies = cookies;
  }

  get label(): string {
    return this.#config.label;
  }

  get redirectUrl(): string {
    return this.#config.redirectUrl;
  }

  /** Discovery is done on first use and retried after a failure: the provider may be down when Kanava starts. */
  #configuration(): Promise<client.Configuration> {
    this.#discovered ??= client
      .discovery(
        new URL(this.#config.issuer),
        this.#config.clientId,
        this.#config.clientSecret,
        undefined,
        this.#config.allowHttp ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((err: unknown) => {
        this.#discovered = undefined;
        throw err;
      });
    return this.#discovered;
  }

  async start(): Promise<{ redirectTo: string; transactionCookie: string }> {
    const config = await this.#configuration();
    const verifier = client.randomPKCECodeVerifier();
    const transaction = { verifier, state: client.randomState(), nonce: client.randomNonce() };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.#config.redirectUrl,
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: transaction.state,
      nonce: transaction.nonce,
    });
    return {
      redirectTo: url.href,
      // SameSite=Lax, not Strict: the browser must send it on the identity provider's redirect back.
      transactionCookie: stringifySetCookie({
        name: TRANSACTION_COOKIE,
        value: Buffer.from(JSON.stringify(transaction)).toString('base64url'),
        httpOnly: true,
        sameSite: 'lax',
        secure: this.#cookies.secure,
        path: '/api/auth/oidc',
        maxAge: 600,
      }),
    };
  }

  clearTransactionCookie(): string {
    return stringifySetCookie({ name: TRANSACTION_COOKIE, value: '', httpOnly: true, sameSite: 'lax', secure: this.#cookies.secure, path: '/api/auth/oidc', maxAge: 0 });
  }

  async finish(currentUrl: URL, cookieHeader: string | undefined): Promise<OidcOutcome> {
    const raw = cookieHeader ? parseCookie(cookieHeader)[TRANSACTION_COOKIE] : undefined;
    let transaction: z.infer<typeof TransactionSchema>;
    try {
      transaction = TransactionSchema.parse(JSON.parse(Buffer.from(raw ?? '', 'base64url').toString()));
    } catch {
      return { kind: 'failed' };
    }
    try {
      const config = await this.#configuration();
      const tokens = await client.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: transaction.verifier,
        expectedState: transaction.state,
        expectedNonce: transaction.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) return { kind: 'failed' };
      // A conforming provider puts scope-requested claims (email) in the ID token only for
      // response_type id_token; with the code flow they come from the UserInfo endpoint.
      const known = await this.#accounts.idByOidcSubject(claims.sub);
      if (known) return { kind: 'signedIn', accountId: known };
      const profile = claims['email'] === undefined ? await client.fetchUserInfo(config, tokens.access_token, claims.sub) : claims;
      return await this.#accountByEmail(claims.sub, profile['email'], profile['email_verified']);
    } catch (err) {
      this.#log.warn({ err }, 'OIDC sign-in failed');
      return { kind: 'failed' };
    }
  }

  get #accounts() {
    return this.#records.repos.accounts;
  }

  /** First sign-in through the identity provider: the account with that verified e-mail, then linked to the subject. */
  async #accountByEmail(subject: string, emailClaim: unknown, verified: unknown): Promise<OidcOutcome> {
    const email = EmailSchema.safeParse(emailClaim);
    if (!email.success || verified === false) return { kind: 'noAccount' };
    const account = await this.#accounts.credentialsByEmail(email.data);
    if (!account || account.disabled) return { kind: 'noAccount' };
    await this.#accounts.linkOidcSubject(account.id, subject, new Date());
    return { kind: 'signedIn', accountId: account.id };
  }
}
