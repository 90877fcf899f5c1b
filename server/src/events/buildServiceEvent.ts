import type {
  BookingId,
  EventForm,
  EventIncident,
  EventQuality,
  ParticipantRole,
  PeerId,
  ProviderId,
  QualityIncident,
  ServiceId,
  ServicePointId,
  ServiceSessionId,
  StaffUserId,
} from '@kanava/shared';

/** What the room knew of the session when it ended. */
export interface EndedSession {
  id: ServiceSessionId;
  pointId: ServicePointId;
  admittedAt: Date;
  endedAt: Date;
  expert: { accountId: StaffUserId | undefined; name: string };
  /** Everyone who was in the call while it ran. */
  participants: { peerId: PeerId; role: ParticipantRole; displayName: string; staffUserId: StaffUserId | undefined }[];
  /** The first admitted customer's wait in the lobby. */
  lobbyWaitMs: number | undefined;
}

/** Which provider and service the event is for, when Kanava knows (the booking or walk-in, a submitted form, the expert's only provider). */
export interface EventPlacement {
  providerId: ProviderId | null;
  serviceId: ServiceId | null;
  bookingId: BookingId | null;
}

export interface NewServiceEvent extends EventPlacement {
  id: ServiceSessionId;
  pointId: ServicePointId;
  expert: { accountId: StaffUserId | null; name: string };
  advisors: { accountId: StaffUserId | null; name: string }[];
  admittedAt: Date;
  endedAt: Date;
  durationS: number;
  lobbyWaitS: number | null;
  quality: EventQuality;
  forms: EventForm[];
}

/** Builds the event of a session that has ended; pure, so every rule here is unit-tested. */
export function buildServiceEvent(input: { session: EndedSession; placement: EventPlacement; incidents: QualityIncident[]; forms: EventForm[] }): NewServiceEvent {
  const { session } = input;
  const start = session.admittedAt.getTime();
  const end = Math.max(start, session.endedAt.getTime());
  const roles = new Map(session.participants.map((p) => [p.peerId, p.role]));
  const advisors = new Map<string, { accountId: StaffUserId | null; name: string }>();
  for (const p of session.participants) {
    if (p.role !== 'advisor') continue;
    // One entry per person: an advisor stepping in twice (two peers) took part once.
    advisors.set(p.staffUserId ?? p.peerId, { accountId: p.staffUserId ?? null, name: p.displayName });
  }
  return {
    id: session.id,
    pointId: session.pointId,
    ...input.placement,
    expert: { accountId: session.expert.accountId ?? null, name: session.expert.name },
    advisors: [...advisors.values()],
    admittedAt: new Date(start),
    endedAt: new Date(end),
    durationS: Math.round((end - start) / 1000),
    lobbyWaitS: session.lobbyWaitMs === undefined ? null : Math.round(session.lobbyWaitMs / 1000),
    quality: qualityOf(input.incidents, start, end, (peerId) => roles.get(peerId)),
    forms: [...input.forms].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt)),
  };
}

/**
 * The share of call time above the minimum: the time anyone was in an incident (their
 * intervals clipped to the call and merged, so two people below at once count once), taken
 * from the call time. An incident still open at the end counts up to the end.
 */
export function qualityOf(incidents: QualityIncident[], start: number, end: number, roleOf: (peerId: PeerId) => ParticipantRole | undefined): EventQuality {
  const callMs = end - start;
  const clipped = incidents
    .map((i) => [Math.max(start, i.startedAt), Math.min(end, i.endedAt ?? end)] as const)
    .filter(([from, to]) => to > from)
    .sort((a, b) => a[0] - b[0]);
  let belowMinimumMs = 0;
  let current: [number, number] | undefined;
  for (const [from, to] of clipped) {
    if (current && from <= current[1]) current[1] = Math.max(current[1], to);
    else {
      if (current) belowMinimumMs += current[1] - current[0];
      current = [from, to];
    }
  }
  if (current) belowMinimumMs += current[1] - current[0];
  const within = incidents.filter((i) => (i.endedAt ?? end) > start && i.startedAt < end);
  return {
    belowMinimumMs,
    shareAboveMinimum: callMs > 0 ? Math.min(1, Math.max(0, (callMs - belowMinimumMs) / callMs)) : 1,
    incidents: within.slice(0, 200).map(
      (i): EventIncident => ({
        role: roleOf(i.peerId) ?? 'unknown',
        startedAt: new Date(i.startedAt).toISOString(),
        endedAt: i.endedAt === null ? null : new Date(i.endedAt).toISOString(),
        reasons: i.reasons.map(String),
      }),
    ),
  };
}
