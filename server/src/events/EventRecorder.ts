import {
  BookingIdSchema,
  EventFormSchema,
  LocalizedTextSchema,
  ProviderIdSchema,
  ServiceIdSchema,
  type EventForm,
  type RoomId,
  type ServicePointId,
  type ServiceSessionId,
} from '@kanava/shared';
import { z } from 'zod';
import type { Db } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import type { QualityIncidentRepository } from '../quality/QualityIncidentRepository.ts';
import type { ServiceSession } from '../rooms/ServiceSession.ts';
import { buildServiceEvent, type EndedSession, type EventPlacement } from './buildServiceEvent.ts';
import { ServiceEventRepository } from './ServiceEventRepository.ts';

/**
 * Writes the service event of each session that ends. It gathers what the room does not
 * keep itself: the booking or walk-in the customer was matched to, the matters submitted,
 * and the session's quality incidents (through the quality module's repository).
 */
export class EventRecorder {
  readonly #db: Db;
  readonly #events: ServiceEventRepository;
  readonly #incidents: QualityIncidentRepository;
  readonly #log: Logger;

  constructor(deps: { db: Db; incidents: QualityIncidentRepository; log: Logger }) {
    this.#db = deps.db;
    this.#events = new ServiceEventRepository(deps.db);
    this.#incidents = deps.incidents;
    this.#log = deps.log.child({ component: 'serviceEvents' });
  }

  /** Never throws: a failed event is logged, the room goes on. */
  async sessionEnded(roomId: RoomId, session: EndedSession, customerPeerIds: string[]): Promise<void> {
    try {
      const [placement, forms, incidents] = await Promise.all([
        this.#placement(session, customerPeerIds),
        this.#forms(session.id),
        this.#incidents.listFor({ roomId, sessionId: session.id }),
      ]);
      const event = buildServiceEvent({ session, placement, incidents, forms });
      const written = await this.#events.insert(event, new Date());
      this.#log.info(
        { roomId, sessionId: session.id, written, durationS: event.durationS, serviceId: event.serviceId, shareAboveMinimum: event.quality.shareAboveMinimum },
        'service event recorded',
      );
    } catch (err) {
      this.#log.error({ err, roomId, sessionId: session.id }, 'recording the service event failed');
    }
  }

  /**
   * Which provider and service: the arrival (booking or walk-in) a customer was matched to;
   * else the service of a form submitted in the session; else the expert's provider when they
   * serve only one. The rest the classifier picks.
   */
  async #placement(session: EndedSession, customerPeerIds: string[]): Promise<EventPlacement> {
    if (customerPeerIds.length > 0) {
      const arrivals = await this.#db
        .selectFrom('point_arrival')
        .select(['provider_id', 'service_id', 'booking_id', 'attached_peer_id'])
        .where('point_id', '=', session.pointId)
        .where('attached_peer_id', 'in', customerPeerIds)
        .execute();
      const first = customerPeerIds.map((peer) => arrivals.find((a) => a.attached_peer_id === peer)).find((a) => a !== undefined);
      if (first) {
        return {
          providerId: ProviderIdSchema.parse(first.provider_id),
          serviceId: ServiceIdSchema.parse(first.service_id),
          bookingId: first.booking_id ? BookingIdSchema.parse(first.booking_id) : null,
        };
      }
    }
    const fromForm = await this.#db
      .selectFrom('submitted_matter as m')
      .innerJoin('form_instance as i', 'i.id', 'm.form_instance_id')
      .innerJoin('form_template as t', 't.id', 'i.template_id')
      .innerJoin('service as s', 's.id', 't.service_id')
      .select(['s.id as service_id', 's.provider_id'])
      .where('m.session_id', '=', session.id)
      .orderBy('m.submitted_at')
      .executeTakeFirst();
    if (fromForm) return { providerId: ProviderIdSchema.parse(fromForm.provider_id), serviceId: ServiceIdSchema.parse(fromForm.service_id), bookingId: null };
    if (session.expert.accountId) {
      const providers = await this.#db
        .selectFrom('staff_role')
        .select('scope_id')
        .where('account_id', '=', session.expert.accountId)
        .where('kind', '=', 'expert')
        .execute();
      if (providers.length === 1 && providers[0]) return { providerId: ProviderIdSchema.parse(providers[0].scope_id), serviceId: null, bookingId: null };
    }
    return { providerId: null, serviceId: null, bookingId: null };
  }

  async #forms(sessionId: ServiceSessionId): Promise<EventForm[]> {
    const rows = await this.#db
      .selectFrom('submitted_matter as m')
      .innerJoin('form_instance as i', 'i.id', 'm.form_instance_id')
      .select(['m.receipt_number', 'm.submitted_at', 'm.sha256', 'i.template'])
      .where('m.session_id', '=', sessionId)
      .execute();
    return rows.map((r) =>
      EventFormSchema.parse({ receiptNumber: r.receipt_number, submittedAt: r.submitted_at, sha256: r.sha256, formName: templateName(r.template) }),
    );
  }
}

const StoredTemplateName = z.object({ name: LocalizedTextSchema });

function templateName(templateJson: string): string {
  try {
    const parsed = StoredTemplateName.safeParse(JSON.parse(templateJson));
    return parsed.success ? parsed.data.name.fi : '';
  } catch {
    return '';
  }
}

/** What the room knew of a session that has just ended, in the shape the event builder takes. */
export function endedSessionOf(pointId: ServicePointId, session: ServiceSession): { session: EndedSession; customerPeerIds: string[] } {
  return {
    session: {
      id: session.id,
      pointId,
      admittedAt: session.startedAt,
      endedAt: session.endedAt ?? new Date(),
      expert: { accountId: session.admittedByAccountId, name: session.admittedBy },
      participants: session.participants,
      lobbyWaitMs: session.customers[0]?.waitedMs,
    },
    customerPeerIds: session.customers.map((c) => c.peerId),
  };
}
