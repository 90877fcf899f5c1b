import { z } from 'zod';

/** Every error a client can see, one list for socket acks and HTTP responses alike. */
export const ErrorCodeSchema = z.enum([
  'badRequest',
  'protocolMismatch',
  'unknownRequest',
  'notFound',
  'pointNotFound',
  'notInRoom',
  'alreadyInRoom',
  'invalidState',
  'forbidden',
  'unauthenticated',
  'conflict',
  /** The booking slot was taken by someone else first (the database decided). */
  'slotTaken',
  /** Block mode: the customer's check is below the minimum; staff must record a reason to let them in. */
  'qualityBelowMinimum',
  'rateLimited',
  'mediaUnavailable',
  /** A part the server depends on (the database, Redis, the node holding the room) cannot be reached now; try again. */
  'unavailable',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const httpStatusOf: Record<ErrorCode, number> = {
  badRequest: 400,
  protocolMismatch: 400,
  unknownRequest: 404,
  notFound: 404,
  pointNotFound: 404,
  notInRoom: 409,
  alreadyInRoom: 409,
  invalidState: 409,
  forbidden: 403,
  unauthenticated: 401,
  conflict: 409,
  slotTaken: 409,
  qualityBelowMinimum: 409,
  rateLimited: 429,
  mediaUnavailable: 503,
  unavailable: 503,
  internal: 500,
};

export const WireErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string().max(1000),
});
export type WireError = z.infer<typeof WireErrorSchema>;

/** An error that carries its wire code; thrown inside handlers, turned into an ack or HTTP reply in one place. */
export class KanavaError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'KanavaError';
    this.code = code;
  }
  toWire(): WireError {
    return { code: this.code, message: this.message };
  }
}
