import { DateTime } from 'luxon';
import { z } from 'zod';
import { ClassificationSchema, type EventQuality } from '@kanava/shared';
import type { Db } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { ZONE } from '../records/time.ts';
import type { ServiceEventTable } from './tables.ts';

/** Days of demo history: the current month and the three before it, so the reports are not empty. */
const HISTORY_DAYS = 110;
const Classifications = z.array(ClassificationSchema);

/** A small deterministic generator: the same demo history on every machine. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Fictional service events of the past months at the demo points (with their sessions,
 * customers' survey answers and staff ratings), written once: a database that
 * already has demo events is left as it is. No customer names anywhere.
 */
export async function seedDemoEvents(db: Db, log: Logger, now: Date): Promise<void> {
  if (await db.selectFrom('service_event').select('id').where('id', 'like', 'demo-%').limit(1).executeTakeFirst()) return;
  const offers = await db
    .selectFrom('agreement as a')
    .innerJoin('agreement_service as x', 'x.agreement_id', 'a.id')
    .innerJoin('service as s', 's.id', 'x.service_id')
    .innerJoin('service_point as p', 'p.id', 'a.point_id')
    .select(['a.point_id', 'a.provider_id', 's.id as service_id', 's.classifications'])
    .where('p.status', '=', 'live')
    .orderBy('a.point_id')
    .orderBy('s.id')
    .execute();
  if (offers.length === 0) return;
  const experts = await db.selectFrom('staff_role as r').innerJoin('staff_account as a', 'a.id', 'r.account_id').select(['r.scope_id', 'a.id', 'a.display_name']).where('r.kind', '=', 'expert').execute();
  const advisors = await db.selectFrom('staff_role as r').innerJoin('staff_account as a', 'a.id', 'r.account_id').select(['r.scope_id', 'a.id', 'a.display_name']).where('r.kind', '=', 'advisor').execute();

  const random = mulberry32(20_251_126);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const today = DateTime.fromJSDate(now, { zone: ZONE }).startOf('day');
  let count = 0;
  for (let d = HISTORY_DAYS; d >= 1; d--) {
    const day = today.minus({ days: d });
    if (day.weekday > 5) continue;
    const perDay = Math.floor(random() * 5);
    for (let i = 0; i < perDay; i++) {
      const offer = pick(offers);
      const admitted = day.set({ hour: 9 + Math.floor(random() * 6), minute: Math.floor(random() * 60) });
      const durationS = 180 + Math.floor(random() * 35 * 60);
      const waitS = 15 + Math.floor(random() * random() * 600);
      const ended = admitted.plus({ seconds: durationS });
      const expert = experts.find((e) => e.scope_id === offer.provider_id);
      const advisor = random() < 0.3 ? advisors.find((a) => a.scope_id === offer.point_id) : undefined;
      const belowMs = random() < 0.15 ? Math.floor(random() * 120_000) : 0;
      const incidentStart = admitted.plus({ seconds: 30 });
      const quality: EventQuality = {
        belowMinimumMs: belowMs,
        shareAboveMinimum: 1 - belowMs / (durationS * 1000),
        incidents: belowMs > 0 ? [{ role: 'customer', startedAt: iso(incidentStart), endedAt: iso(incidentStart.plus({ milliseconds: belowMs })), reasons: ['upload'] }] : [],
      };
      const classifications = Classifications.parse(JSON.parse(offer.classifications));
      const classification = random() < 0.9 && classifications.length > 0 ? pick(classifications) : undefined;
      const id = `demo-${day.toISODate()}-${i}`;
      const expertName = expert?.display_name ?? 'Asiantuntija';
      await db.insertInto('service_session').values({ id, point_id: offer.point_id, admitted_by_name: expertName, admitted_by_account_id: expert?.id ?? null, started_at: iso(admitted), ended_at: iso(ended) }).execute();
      const row: ServiceEventTable = {
        id,
        point_id: offer.point_id,
        provider_id: offer.provider_id,
        service_id: offer.service_id,
        booking_id: null,
        expert_account_id: expert?.id ?? null,
        expert_name: expertName,
        advisors: JSON.stringify(advisor ? [{ accountId: advisor.id, name: advisor.display_name }] : []),
        admitted_at: iso(admitted),
        ended_at: iso(ended),
        duration_s: durationS,
        lobby_wait_s: waitS,
        below_minimum_ms: belowMs,
        quality: JSON.stringify(quality),
        forms: '[]',
        classification_code: classification?.code ?? null,
        classification_note: '',
        classified_by_name: classification ? expertName : null,
        classified_at: classification ? iso(ended.plus({ minutes: 1 })) : null,
        created_at: iso(ended),
      };
      await db.insertInto('service_event').values(row).execute();
      if (random() < 0.45) {
        const rating = () => Math.min(5, 3 + Math.floor(random() * 3) - (belowMs > 0 ? 1 : 0));
        await db
          .insertInto('survey_answer')
          .values({ id: `${id}-survey`, session_id: id, respondent: 'customer', service_rating: rating(), connection_rating: rating(), comment: null, answered_at: iso(ended.plus({ minutes: 1 })) })
          .execute();
      }
      if (expert && random() < 0.5) {
        await db.insertInto('service_event_rating').values({ event_id: id, account_id: expert.id, account_name: expert.display_name, role: 'expert', rating: belowMs > 0 ? 3 : 4 + Math.floor(random() * 2), rated_at: iso(ended) }).execute();
      }
      count++;
    }
  }
  log.info({ events: count }, 'demo service events created');
}

function iso(t: DateTime): string {
  const s = t.toUTC().toISO();
  if (!s) throw new Error('invalid demo time');
  return s;
}
