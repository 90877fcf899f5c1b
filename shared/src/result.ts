import { z } from 'zod';
import { WireErrorSchema, type WireError } from './errors.ts';

/** What every request's acknowledgement carries. */
export type AckResult<T> = { ok: true; data: T } | { ok: false; error: WireError };

export function ackResultSchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: WireErrorSchema }),
  ]);
}
