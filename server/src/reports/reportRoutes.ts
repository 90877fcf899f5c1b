import express, { type Response, type Router } from 'express';
import { KanavaError, PilotQuerySchema, ReportQuerySchema, type ProviderId, type StaffUser } from '@kanava/shared';
import { isPlatformAdmin, providersAdministeredBy } from '../auth/permissions.ts';
import type { EventsContext } from '../events/context.ts';
import { found, parse, signedIn, ValidationError } from '../http/routes/support.ts';
import { billingCsv, reportCsv } from './csv.ts';
import { monthlyReport, pilotReport } from './reports.ts';

/**
 * Which providers' figures the staff member may see: platform admins all (or the one asked
 * for), provider admins only their own; everyone else none.
 */
export function reportScope(user: StaffUser, asked: ProviderId | undefined): ProviderId[] | undefined {
  if (isPlatformAdmin(user)) return asked ? [asked] : undefined;
  const own = providersAdministeredBy(user);
  if (own.length === 0) throw new KanavaError('forbidden', 'reports are for provider admins and platform admins');
  if (asked && !own.includes(asked)) throw new KanavaError('forbidden', 'you see only your own provider’s figures');
  return asked ? [asked] : own;
}

function sendCsv(res: Response, fileName: string, body: string): void {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.send(body);
}

/** Monthly reports (JSON and CSV), the billing CSV and the pilot view. */
export function reportRoutes(ctx: EventsContext): Router {
  const r = express.Router();

  r.get('/reports/monthly', async (req, res) => {
    const user = signedIn(res);
    const q = parse(ReportQuerySchema, req.query);
    res.json(await monthlyReport(ctx.db, q.month, reportScope(user, q.providerId)));
  });

  r.get('/reports/monthly.csv', async (req, res) => {
    const user = signedIn(res);
    const q = parse(ReportQuerySchema, req.query);
    const report = await monthlyReport(ctx.db, q.month, reportScope(user, q.providerId));
    sendCsv(res, `kanava-report-${q.month}${q.providerId ? `-${q.providerId}` : ''}.csv`, reportCsv(report));
  });

  r.get('/reports/billing.csv', async (req, res) => {
    const user = signedIn(res);
    const q = parse(ReportQuerySchema, req.query);
    const scope = reportScope(user, q.providerId);
    // Billing is per provider: a provider admin of one provider need not name it.
    const providerId = q.providerId ?? (scope?.length === 1 ? scope[0] : undefined);
    if (!providerId) throw new ValidationError([{ path: 'providerId', message: 'billing is per provider: choose one' }]);
    const provider = found(await ctx.records.repos.providers.get(providerId), 'provider');
    sendCsv(res, `kanava-billing-${provider.code}-${q.month}.csv`, await billingCsv(ctx.db, q.month, providerId));
  });

  r.get('/reports/pilot', async (req, res) => {
    const user = signedIn(res);
    const q = parse(PilotQuerySchema, req.query);
    res.json(found(await pilotReport(ctx.db, q.pointId, q.weeks, reportScope(user, q.providerId)), 'service point'));
  });

  return r;
}
