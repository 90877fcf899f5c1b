import express, { type ErrorRequestHandler, type Request, type Response, type Router } from 'express';
import type { StaffAuthenticator } from '../access/AccessPolicy.ts';
import type { Logger } from '../logger.ts';
import type { Records } from '../records/Records.ts';
import { refuseFormPosts } from '../http/routes/support.ts';
import { formTemplateRoutes } from '../forms/templateRoutes.ts';
import { matterRoutes } from '../forms/matterRoutes.ts';
import type { SessionMaterial } from './material.ts';
import { documentRoutes } from './documentRoutes.ts';
import { uploadRefused } from './uploads.ts';

export interface MaterialRouteDeps {
  material: SessionMaterial;
  records: Records;
  staff: StaffAuthenticator;
  log: Logger;
}

/** Resolves the signed-in staff member (if any) for this router's routes, like the records API does. */
function staffSession(staff: StaffAuthenticator) {
  return async (req: Request, res: Response, next: (err?: unknown) => void) => {
    try {
      const user = await staff.fromCookieHeader(req.headers.cookie);
      if (user) res.locals.staff = user;
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** A body over the size limit is the user's mistake, said plainly, not a server error. */
const tooLarge: ErrorRequestHandler = (err: unknown, _req, _res, next) => {
  if (typeof err === 'object' && err !== null && 'type' in err && err.type === 'entity.too.large') next(uploadRefused('tooLarge'));
  else next(err);
};

export function materialRoutes(deps: MaterialRouteDeps): Router {
  const r = express.Router();
  r.use(refuseFormPosts);
  r.use(express.json({ limit: '200kb' }));
  r.use(staffSession(deps.staff));
  r.use(documentRoutes(deps));
  r.use(matterRoutes(deps));
  r.use(formTemplateRoutes(deps));
  r.use(tooLarge);
  return r;
}
