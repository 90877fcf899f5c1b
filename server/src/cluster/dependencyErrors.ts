import { KanavaError } from '@kanava/shared';

/** Socket-level failures: the other end is not there (or went away mid-query). */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** PostgreSQL's own: connection exceptions (class 08), and shutting down or starting up (57P01–57P03). */
const POSTGRES_CODES = /^(08\w{3}|57P0[123])$/;
/** node-postgres says these in words only. */
const PG_MESSAGES = [/^Connection terminated/, /timeout exceeded when trying to connect/, /Client has encountered a connection error/, /Connection is closed/];

/**
 * Whether an error means a part the server depends on (PostgreSQL, Redis) cannot be reached,
 * as opposed to a fault in the request or in Kanava: such requests fail with `unavailable`
 * (HTTP 503) and can be tried again; nothing was written, since every change is one transaction.
 */
export function isDependencyUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || POSTGRES_CODES.test(code))) return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && PG_MESSAGES.some((m) => m.test(message))) return true;
    if (Array.isArray((e as { errors?: unknown }).errors)) {
      // AggregateError from a connection attempt to several addresses (::1 and 127.0.0.1).
      if ((e as { errors: unknown[] }).errors.some(isDependencyUnavailable)) return true;
    }
  }
  return false;
}

export const unavailableError = () => new KanavaError('unavailable', 'a service Kanava depends on cannot be reached now; try again in a moment');
