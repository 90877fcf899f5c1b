import { z } from 'zod';

/**
 * Bumped on every incompatible change of the socket contract. The server refuses a
 * connection whose client speaks another version, so an old kiosk tab gets a clear
 * "reload" instead of failing in odd ways.
 */
export const PROTOCOL_VERSION = 1;

export const HandshakeAuthSchema = z.object({
  protocolVersion: z.number().int(),
});
export type HandshakeAuth = z.infer<typeof HandshakeAuthSchema>;
