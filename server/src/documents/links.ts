import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** What a signed link opens. */
export type LinkKind = 'document' | 'documentDownload' | 'matter' | 'receipt';

export const SignedQuerySchema = z.object({
  exp: z.coerce.number().int().positive(),
  sig: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});

/**
 * Same-origin links to a session's PDFs for people without an account (the customer at the
 * kiosk): the server hands them only to those in the call, and the route checks the
 * signature, the expiry and (for documents) that the service session still runs. The server
 * gives the key shared by all its nodes (`documentLinkKey`), so a link made by one node opens
 * on any other and survives a restart; without one (unit tests) it is per process.
 */
export class LinkSigner {
  readonly #key: Buffer;
  readonly #ttlMs: number;

  constructor(options: { key?: Buffer; ttlMs?: number } = {}) {
    this.#key = options.key ?? randomBytes(32);
    this.#ttlMs = options.ttlMs ?? 12 * 60 * 60 * 1000;
  }

  /** A path with `exp` and `sig` query parameters, e.g. /api/session-documents/<id>?exp=…&sig=… */
  sign(kind: LinkKind, id: string, path: string, now = new Date()): string {
    const exp = Math.floor((now.getTime() + this.#ttlMs) / 1000);
    return `${path}?exp=${exp}&sig=${this.#mac(kind, id, exp)}`;
  }

  verify(kind: LinkKind, id: string, query: unknown, now = new Date()): boolean {
    const parsed = SignedQuerySchema.safeParse(query);
    if (!parsed.success || parsed.data.exp * 1000 < now.getTime()) return false;
    const expected = Buffer.from(this.#mac(kind, id, parsed.data.exp));
    const given = Buffer.from(parsed.data.sig);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  #mac(kind: LinkKind, id: string, exp: number): string {
    return createHmac('sha256', this.#key).update(`${kind}\n${id}\n${exp}`).digest('base64url');
  }
}
