import {
  KanavaError,
  checklistSteps,
  type ChecklistCompletion,
  type ChecklistStep,
  type ServicePointId,
  type ServicePointRecord,
  type StaffUser,
} from '@kanava/shared';
import type { Logger } from '../../logger.ts';
import type { Mailer } from '../mailer.ts';
import type { Records, Repos } from '../Records.ts';
import { helsinkiDate } from '../time.ts';
import { assertMove } from './pointLifecycle.ts';
import { providersNotifiedMail } from './checklistMail.ts';

export interface ChecklistDeps {
  records: Records;
  mailer: Mailer;
  publicUrl: () => string;
  log: Logger;
}

/** Agreements that are in force today or start later: the ones a new point is set up with. */
async function currentAgreements(r: Repos, pointId: ServicePointId, at: Date) {
  const today = helsinkiDate(at);
  return (await r.agreements.list({ pointId })).filter((a) => a.validTo === null || a.validTo >= today);
}

function fail(message: string): never {
  throw new KanavaError('invalidState', message);
}

/**
 * The new-point checklist (operating guide §3). Each step checks that the records show
 * it is really done, then records who did it and when. The equipment test (from the kiosk's
 * stored check) moves the point to testing; go-live, possible only when every other step is done, makes it live.
 */
export class PointChecklist {
  readonly #d: ChecklistDeps;

  constructor(deps: ChecklistDeps) {
    this.#d = deps;
  }

  steps(pointId: ServicePointId): Promise<ChecklistStep[]> {
    return this.#d.records.repos.checklist.steps(pointId);
  }

  async complete(point: ServicePointRecord, completion: ChecklistCompletion, user: StaffUser, at: Date): Promise<ChecklistStep[]> {
    const { records } = this.#d;
    const steps = await records.repos.checklist.steps(point.id);
    const index = checklistSteps.indexOf(completion.step);
    if (steps[index]?.done) fail(`the step ${completion.step} is already done`);
    const pending = steps.slice(0, index).filter((s) => !s.done);
    if (pending.length > 0) fail(`do these steps first: ${pending.map((s) => s.step).join(', ')}`);
    if (point.status === 'closed') fail('the point is closed');

    const details = await this.#check(point, completion, at);
    await records.transaction(async (t) => {
      if (completion.step === 'equipmentTest' || completion.step === 'goLive') {
        const to = completion.step === 'goLive' ? 'live' : 'testing';
        assertMove(point.status, to);
        if (!(await t.points.setStatus(point.id, point.status, to, at))) fail('the point changed meanwhile; reload');
      }
      await t.checklist.complete(point.id, completion.step, user, details, at);
      await t.audit.record(user, { action: `checklist.${completion.step}`, entity: 'point', entityId: point.id, details }, at);
    });
    return this.steps(point.id);
  }

  /** What the records show for the step; refuses a step the records do not support. */
  async #check(point: ServicePointRecord, c: ChecklistCompletion, at: Date): Promise<Record<string, unknown>> {
    const r = this.#d.records.repos;
    switch (c.step) {
      case 'agreement': {
        const agreements = await currentAgreements(r, point.id, at);
        if (agreements.length === 0) fail('the point has no agreement with any provider yet');
        const providers = await r.providers.getMany(agreements.map((a) => a.providerId));
        return { providers: providers.map((p) => p.nameFi) };
      }
      case 'advisorAccounts': {
        const advisors = (await r.accounts.withRole('advisor', [point.id])).filter((a) => !a.disabled);
        if (advisors.length === 0) fail('the point has no advisor accounts yet');
        return { advisors: advisors.map((a) => a.email) };
      }
      case 'roomLink':
        if (!point.kioskToken) fail('the point has no kiosk link');
        return { link: `${this.#d.publicUrl()}/p/${point.slug}` };
      case 'servicesAttached': {
        const agreements = await currentAgreements(r, point.id, at);
        const services = await r.services.getMany([...new Set(agreements.flatMap((a) => a.serviceIds))]);
        if (services.length === 0) fail('no services are attached to the point’s agreements yet');
        return { services: services.map((s) => s.nameFi) };
      }
      case 'providersNotified':
        return this.#notifyProviders(point, at);
      case 'equipmentTest':
        return this.#kioskCheck(point, c.notes);
      case 'training':
        return { ...c.record };
      case 'goLive':
        return {};
      default: {
        const never: never = c;
        throw new Error(`unknown checklist step ${JSON.stringify(never)}`);
      }
    }
  }

  /**
   * The equipment and network test is what the point's kiosk measured in its own pre-call check
   * (stored by the quality module), not figures typed in: there must be one, and it must not be
   * below the minimum of the point's quality policy (camera, microphone, upload, download).
   */
  async #kioskCheck(point: ServicePointRecord, notes: string): Promise<Record<string, unknown>> {
    const check = await this.#d.records.repos.kioskChecks.latest(point.id);
    if (!check) fail('the point’s kiosk has not made a connection check yet: open the kiosk link at the point');
    if (check.overall === 'belowMinimum') {
      const camera = check.camera ? `${check.camera.width}×${check.camera.height} ${check.camera.frameRate} fps` : 'no camera';
      fail(`the kiosk’s latest check is below the minimum (${check.upKbps}/${check.downKbps} kbit/s, ${camera}${check.microphone ? '' : ', no microphone'}): fix the equipment or the connection and check again`);
    }
    if (check.upload === 'unknown') {
      fail(`the kiosk’s browser could measure its upload only as at least ${check.upKbps} kbit/s, which does not show the minimum: check again from Chrome or Edge at the point`);
    }
    return { ...check, notes };
  }

  /** E-mails the admins of every provider with an agreement at the point (and the provider's own contact address). */
  async #notifyProviders(point: ServicePointRecord, at: Date): Promise<Record<string, unknown>> {
    const r = this.#d.records.repos;
    const agreements = await currentAgreements(r, point.id, at);
    const providers = await r.providers.getMany(agreements.map((a) => a.providerId));
    const admins = await r.accounts.withRole('providerAdmin', providers.map((p) => p.id));
    const recipients = [...new Set([...admins.filter((a) => !a.disabled).map((a) => a.email), ...providers.map((p) => p.contactEmail).filter(Boolean)])].sort();
    if (recipients.length === 0) fail('the providers of the point have no admins or contact addresses to notify');
    const services = await r.services.getMany([...new Set(agreements.flatMap((a) => a.serviceIds))]);
    const mail = providersNotifiedMail(point, services, agreements, providers, this.#d.publicUrl());
    const { messageId } = await this.#d.mailer.send({ to: recipients, ...mail });
    this.#d.log.info({ pointId: point.id, recipients: recipients.length }, 'providers notified of a new point');
    return { recipients, messageId };
  }
}
