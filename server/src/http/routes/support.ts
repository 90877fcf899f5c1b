import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { KanavaError, type FieldError, type StaffUser, type WireError } from '@kanava/shared';
import { isForeignKeyViolation, isUniqueViolation } from '../../db/dbErrors.ts';

declare global {
  // Express's own extension point for what middleware leaves on the response.
  namespace Express {
    interface Locals {
      /** The signed-in staff member, set by the session middleware. */
      staff?: StaffUser;
      /** The session token of this request's cookie (sign-out and password change need it). */
      sessionToken?: string;
    }
  }
}

/** 400 that names each failing field, e.g. `nameFi: required`. */
export class ValidationError extends KanavaError {
  readonly fields: FieldError[];
  constructor(fields: FieldError[]) {
    super('badRequest', `invalid request: ${fields.map((f) => `${f.path || 'body'}: ${f.message}`).join('; ')}`.slice(0, 1000));
    this.fields = fields;
  }
  override toWire(): WireError & { fields: FieldError[] } {
    return { ...super.toWire(), fields: this.fields };
  }
}

export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/** Parses a body, query or parameter; anything wrong is a 400 naming the fields. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(fieldErrors(result.error));
  return result.data;
}

/** The signed-in staff member, or 401. */
export function signedIn(res: Response): StaffUser {
  const user = res.locals.staff;
  if (!user) throw new KanavaError('unauthenticated', 'sign in first');
  return user;
}

/** The signed-in staff member if `allowed` says yes; 401 when signed out, 403 otherwise. */
export function authorised(res: Response, allowed: (u: StaffUser) => boolean): StaffUser {
  const user = signedIn(res);
  if (!allowed(user)) throw new KanavaError('forbidden', 'you do not have the right to do this');
  return user;
}

export function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new KanavaError('notFound', `no such ${what}`);
  return value;
}

/**
 * Runs a write and turns the database's unique-constraint answer into a 409 with a
 * message people understand; the database decides, so two parallel requests cannot both win.
 */
export async function uniqueOr<T>(conflictMessage: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isUniqueViolation(err)) throw new KanavaError('conflict', conflictMessage);
    if (isForeignKeyViolation(err)) throw new ValidationError([{ path: '', message: 'refers to a record that does not exist' }]);
    throw err;
  }
}

/**
 * Cross-site request forgery guard, besides the SameSite cookie: a state-changing request
 * must carry a content type that an HTML form on another site cannot send.
 */
export const refuseFormPosts: RequestHandler = (req: Request, _res: Response, next: NextFunction) => {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json' || type === 'application/pdf') return next();
  next(new KanavaError('badRequest', 'send the request as application/json'));
};
