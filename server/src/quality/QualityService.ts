import { randomUUID } from 'node:crypto';
import {
  KanavaError,
  QualityIncidentIdSchema,
  type AdmissionOverride,
  type ClientMediaReport,
  type ParticipantQuality,
  type PeerId,
  type PrecheckResult,
  type PrecheckSubmission,
  type QualityIncident,
  type QualityPolicy,
  type RoomId,
  type ServicePointId,
  type ServiceSessionId,
  type StaffUserId,
} from '@kanava/shared';
import type { SfuEvents, SfuService } from '@kanava/sfu/api';
import type { Logger } from '../logger.ts';
import { figuresOf, type TimedReport } from './figures.ts';
import { DEFAULT_TIMINGS, INITIAL_STATE, type DetectorEvent, type DetectorState, type DetectorTimings } from './incidentDetector.ts';
import { NO_FIGURES } from './judge.ts';
import { ParticipantMonitor } from './ParticipantMonitor.ts';
import type { QualityPolicySource } from './policy.ts';
import type { PrecheckService } from './PrecheckService.ts';
import type { IncidentScope, QualityIncidentRepository } from './QualityIncidentRepository.ts';
import { toCallAndStaff, type LiveRoom, type QualityNotifier, type QualityRooms } from './QualityRooms.ts';
import { SessionTally, type TallySample } from './sessionTally.ts';

/** Who let a customer in below the minimum. */
export interface OverrideActor {
  id: StaffUserId | undefined;
  displayName: string;
}

/** One admission below the minimum, as the audit log records it. */
export interface OverrideRecord {
  actor: OverrideActor;
  roomId: RoomId;
  pointId: ServicePointId;
  peerId: PeerId;
  sessionId: ServiceSessionId | null;
  reason: string;
  precheck: PrecheckResult;
}
export type OverrideAudit = (record: OverrideRecord) => Promise<void>;

/** Figures go to the call every other sample, and at once when someone's state changes. */
const BROADCAST_EVERY_SAMPLES = 2;

interface Tracked {
  monitor: ParticipantMonitor;
  view: ParticipantQuality;
  report: TimedReport | undefined;
  precheck: PrecheckResult | undefined;
  /** The policy of the service this participant came for (customers with a booking or walk-in). */
  policy: Promise<QualityPolicy> | undefined;
  /** Block mode: staff let this customer in although their check is below the minimum. */
  override: AdmissionOverride | undefined;
}

interface RoomQuality {
  pointId: ServicePointId;
  /** The point's default (the platform's): staff alone, or a customer without a known service. */
  policy: QualityPolicy;
  /** What the call is judged by now: the policy of the service of the customer in the call. */
  callPolicy: QualityPolicy;
  participants: Map<PeerId, Tracked>;
  samples: number;
  /** The service session the room's incidents belong to, as of the last sample. */
  scope: IncidentScope;
  /** The running session's quality so far; written as its summary when the session ends. */
  tally: SessionTally | undefined;
  incidentCount: number;
}

/** Stores the check of a point's kiosk (not of a customer at home, nor of staff). */
export interface KioskCheckRecorder {
  record(pointId: ServicePointId, precheck: PrecheckResult): Promise<void>;
}

/** How often rooms that are no longer live are looked for (their open incidents end then). */
const SWEEP_MS = 5000;

/**
 * Quality during the call: turns what the SFU measures and what browsers report into
 * each participant's figures, runs one incident detector per participant, keeps the
 * incidents (through the repository) and the check results, and tells the room.
 */
export class QualityService {
  readonly prechecks: PrecheckService;
  readonly #rooms: QualityRooms;
  readonly #notifier: QualityNotifier;
  readonly #policies: QualityPolicySource;
  readonly #incidents: QualityIncidentRepository;
  readonly #log: Logger;
  readonly #timings: DetectorTimings;
  readonly #now: () => number;
  readonly #live = new Map<RoomId, RoomQuality>();
  readonly #opening = new Map<RoomId, Promise<RoomQuality | undefined>>();
  readonly #onSample = (sample: SfuEvents['qualitySampled']) => {
    this.#sampled(sample).catch((err: unknown) => this.#log.error({ err, roomId: sample.roomId }, 'quality sample failed'));
  };
  readonly #sfu: SfuService;
  readonly #audit: OverrideAudit;
  readonly #kioskChecks: KioskCheckRecorder | undefined;
  readonly #sweep: NodeJS.Timeout;

  constructor(deps: {
    sfu: SfuService;
    rooms: QualityRooms;
    notifier: QualityNotifier;
    policies: QualityPolicySource;
    incidents: QualityIncidentRepository;
    prechecks: PrecheckService;
    log: Logger;
    timings?: DetectorTimings;
    now?: () => number;
    /** Where overrides are recorded (the audit log); without records, only the log. */
    audit?: OverrideAudit;
    /** Keeps the latest check of each point's kiosk (the new-point checklist's equipment test reads it). */
    kioskChecks?: KioskCheckRecorder;
  }) {
    this.#sfu = deps.sfu;
    this.#rooms = deps.rooms;
    this.#notifier = deps.notifier;
    this.#policies = deps.policies;
    this.#incidents = deps.incidents;
    this.prechecks = deps.prechecks;
    this.#log = deps.log.child({ component: 'quality' });
    this.#timings = deps.timings ?? DEFAULT_TIMINGS;
    this.#now = deps.now ?? Date.now;
    this.#kioskChecks = deps.kioskChecks;
    this.#audit = deps.audit ?? (async (e) => this.#log.warn({ roomId: e.roomId, peerId: e.peerId, by: e.actor.displayName, reason: e.reason }, 'admission override (no audit log)'));
    this.#sfu.on('qualitySampled', this.#onSample);
    this.#sweep = setInterval(() => {
      for (const roomId of [...this.#live.keys()]) {
        this.#sweepRoom(roomId).catch((err: unknown) => this.#log.error({ err, roomId }, 'quality sweep failed'));
      }
    }, SWEEP_MS);
    this.#sweep.unref();
  }

  close(): void {
    this.#sfu.off('qualitySampled', this.#onSample);
    clearInterval(this.#sweep);
  }

  /** The policy the call is judged by now (the customer's service's, else the default). */
  async policyOf(roomId: RoomId): Promise<QualityPolicy | undefined> {
    return (await this.#room(roomId))?.callPolicy;
  }

  /** The policy for one participant: the service they came for, else the room's default. */
  async #policyOfPeer(room: RoomQuality, peerId: PeerId): Promise<QualityPolicy> {
    const t = this.#tracked(room, peerId);
    t.policy ??= (async () => {
      const serviceId = await this.#policies.serviceOf?.(peerId);
      // Read from the source each time (not the room's copy): an admin may have changed it while the room was open.
      return this.#policies.policyFor({ pointId: room.pointId, serviceId });
    })().catch((err: unknown) => {
      this.#log.error({ err, peerId }, 'reading the quality policy of a service failed; the default applies');
      return room.policy;
    });
    return t.policy;
  }

  async submitPrecheck(roomId: RoomId, peerId: PeerId, submission: PrecheckSubmission): Promise<PrecheckResult> {
    const room = await this.#room(roomId);
    if (!room) throw new Error('room is not live');
    // Read again at each submission: an admin may have changed the policy since the last check.
    this.#tracked(room, peerId).policy = undefined;
    const precheck = this.prechecks.resolve(submission, room.pointId, await this.#policyOfPeer(room, peerId));
    this.#tracked(room, peerId).precheck = precheck;
    this.#log.info({ roomId, peerId, verdict: precheck.verdict.overall, up: precheck.network.upKbps, down: precheck.network.downKbps }, 'check stored');
    toCallAndStaff(this.#notifier, roomId, room.pointId, 'precheckReported', { peerId, precheck });
    if (this.#kioskChecks && this.#rooms.live(roomId)?.atKiosk?.(peerId)) {
      await this.#kioskChecks.record(room.pointId, precheck).catch((err: unknown) => this.#log.error({ err, roomId }, 'kiosk check not stored'));
    }
    return precheck;
  }

  /**
   * Block mode: the participant's check is below the minimum and nobody has let them in
   * anyway. A participant without a stored check is not held (staff see there is none).
   */
  isHeld(roomId: RoomId, peerId: PeerId): boolean {
    const t = this.#live.get(roomId)?.participants.get(peerId);
    return t?.precheck !== undefined && !t.precheck.verdict.admissible && t.override === undefined;
  }

  /** Refuses admitting a held customer: staff must first record why they let them in. */
  assertAdmissible(roomId: RoomId, peerId: PeerId): void {
    if (this.isHeld(roomId, peerId)) {
      throw new KanavaError('qualityBelowMinimum', 'the customer’s connection check is below the minimum; give a reason to let them in anyway');
    }
  }

  /**
   * Staff let a held customer in anyway, with a reason. Told to the customer (their kiosk
   * goes from "cannot continue" to the normal wait), to the call and to the point's staff.
   * Recording it in the audit log is the caller's part (it knows who acted).
   */
  async override(roomId: RoomId, peerId: PeerId, by: OverrideActor, reason: string): Promise<AdmissionOverride> {
    const room = await this.#room(roomId);
    const t = room?.participants.get(peerId);
    if (!room || !t?.precheck) throw new KanavaError('invalidState', 'this participant has no connection check to override');
    if (t.precheck.verdict.admissible) throw new KanavaError('invalidState', 'this participant’s check meets the minimum; nothing to override');
    if (t.override) return t.override;
    const override: AdmissionOverride = { byName: by.displayName, reason, at: this.#now() };
    // Recorded before anyone is told: an override that is not in the audit log did not happen.
    await this.#audit({ actor: by, roomId, pointId: room.pointId, peerId, sessionId: this.#rooms.live(roomId)?.sessionId ?? null, reason, precheck: t.precheck });
    t.override = override;
    const payload = { peerId, override: t.override };
    this.#notifier.toPeer(peerId, 'qualityOverridden', payload);
    toCallAndStaff(this.#notifier, roomId, room.pointId, 'qualityOverridden', payload);
    this.#log.info({ roomId, peerId, verdict: t.precheck.verdict }, 'admission below the minimum allowed by staff');
    return t.override;
  }

  async report(roomId: RoomId, peerId: PeerId, report: ClientMediaReport): Promise<void> {
    const room = await this.#room(roomId);
    if (room) this.#tracked(room, peerId).report = { at: this.#now(), report };
  }

  /** The participant's measured download, when they did the check: the SFU starts its estimate there and sends no more. */
  measuredDownlink(roomId: RoomId, peerId: PeerId): { kbps: number; atCeiling: boolean } | undefined {
    const network = this.#live.get(roomId)?.participants.get(peerId)?.precheck?.network;
    return network ? { kbps: network.downKbps, atCeiling: network.downAtCeiling } : undefined;
  }

  /** The measured upload, for the browser's encoder start value. */
  precheckOf(roomId: RoomId, peerId: PeerId): PrecheckResult | undefined {
    return this.#live.get(roomId)?.participants.get(peerId)?.precheck;
  }

  async roomState(roomId: RoomId) {
    const room = await this.#room(roomId);
    const live = this.#rooms.live(roomId);
    if (!room || !live) throw new Error('room is not live');
    const participants = [...room.participants.entries()];
    return {
      policy: room.callPolicy,
      participants: participants.map(([, t]) => t.view),
      prechecks: participants.flatMap(([peerId, t]) => (t.precheck ? [{ peerId, precheck: t.precheck }] : [])),
      incidents: await this.#incidents.listFor({ roomId, sessionId: live.sessionId }),
      overrides: participants.flatMap(([peerId, t]) => (t.override ? [{ peerId, override: t.override }] : [])),
    };
  }

  /**
   * The room's service session has ended: its open incidents end now and its summary is
   * written, so whoever reads the session's records next (the service event) finds them
   * complete. Without this call the next sample or sweep does the same a moment later.
   */
  async sessionEnded(roomId: RoomId): Promise<void> {
    await this.#sweepRoom(roomId);
  }

  /** The session's stored summary (written when it ended). */
  summaryOf(sessionId: ServiceSessionId) {
    return this.#incidents.summaryOf(sessionId);
  }

  async #sampled({ roomId, at, peers }: SfuEvents['qualitySampled']): Promise<void> {
    const room = await this.#room(roomId);
    const live = this.#rooms.live(roomId);
    if (!room || !live) return;
    await this.#followSession(roomId, room, live, at);
    const scope = room.scope;
    const inCall = new Set(live.inCall);
    const bySfu = new Map(peers.map((p) => [p.peerId, p]));
    const customer = live.customersInCall[0];
    room.callPolicy = customer ? await this.#policyOfPeer(room, customer) : room.policy;
    let changed = false;
    const tallied: TallySample[] = [];
    for (const peerId of inCall) {
      const t = this.#tracked(room, peerId);
      const raw = figuresOf(bySfu.get(peerId), t.report, this.#now());
      const before = t.monitor.state.kind;
      const judged = t.monitor.push(at, raw, room.callPolicy);
      tallied.push(judged);
      if (t.override) room.tally?.noteOverride(peerId, t.override);
      // The per-second series (debug level) is what the detector's unit tests are recorded from (fixtures/).
      this.#log.debug({ roomId, peerId, at, raw, figures: judged.figures, reasons: judged.reasons, state: judged.state.kind }, 'quality sample');
      if (judged.state.kind !== before) changed = true;
      t.view = viewOf(peerId, judged.state, judged.reasons, judged.figures, judged.settling);
      await this.#handle(room, roomId, scope, judged.events);
    }
    // Gone from the call (left, or back to the lobby): an open incident ends with them.
    for (const [peerId, t] of room.participants) {
      if (inCall.has(peerId)) continue;
      const wasOk = t.monitor.state.kind === 'ok';
      await this.#handle(room, roomId, scope, t.monitor.stop(at));
      if (!wasOk) {
        t.view = viewOf(peerId, INITIAL_STATE, [], NO_FIGURES, true);
        changed = true;
      }
    }
    room.tally?.add(at, tallied, room.callPolicy);
    room.samples++;
    if (changed || room.samples % BROADCAST_EVERY_SAMPLES === 0) {
      const participants = [...inCall].flatMap((id) => {
        const view = room.participants.get(id)?.view;
        return view ? [view] : [];
      });
      this.#notifier.toCall(roomId, 'qualityChanged', { participants });
    }
  }

  async #handle(room: RoomQuality, roomId: RoomId, scope: IncidentScope, events: DetectorEvent[]): Promise<void> {
    for (const e of events) {
      await this.#incidents.save(scope, e.incident);
      if (e.type === 'opened' && scope.sessionId === room.tally?.sessionId) room.incidentCount++;
      const log = { roomId, peerId: e.incident.peerId, incidentId: e.incident.incidentId, reasons: e.incident.reasons, worst: e.incident.worst };
      if (e.type === 'opened') {
        this.#log.warn(log, 'quality incident opened');
        toCallAndStaff(this.#notifier, roomId, room.pointId, 'qualityIncidentOpened', { incident: e.incident });
      } else if (e.type === 'closed') {
        this.#log.info({ ...log, durationMs: (e.incident.endedAt ?? 0) - e.incident.startedAt }, 'quality incident closed');
        toCallAndStaff(this.#notifier, roomId, room.pointId, 'qualityIncidentClosed', { incident: e.incident });
      }
    }
  }

  #tracked(room: RoomQuality, peerId: PeerId): Tracked {
    let t = room.participants.get(peerId);
    if (!t) {
      t = {
        monitor: new ParticipantMonitor(peerId, newIncidentId, this.#timings),
        view: viewOf(peerId, INITIAL_STATE, [], NO_FIGURES, true),
        report: undefined,
        precheck: undefined,
        policy: undefined,
        override: undefined,
      };
      room.participants.set(peerId, t);
    }
    return t;
  }

  /** The room's quality state, created with its policy on first use and dropped when the room is no longer live. */
  async #room(roomId: RoomId): Promise<RoomQuality | undefined> {
    const live = this.#rooms.live(roomId);
    const existing = this.#live.get(roomId);
    if (!live) {
      if (existing) await this.#release(roomId, existing);
      return undefined;
    }
    if (existing && existing.pointId === live.pointId) return existing;
    const pending = this.#opening.get(roomId);
    if (pending) return pending;
    const opening = this.#policies.policyFor({ pointId: live.pointId }).then((policy) => {
      const room: RoomQuality = {
        pointId: live.pointId,
        policy,
        callPolicy: policy,
        participants: new Map(),
        samples: 0,
        scope: { roomId, sessionId: live.sessionId },
        tally: undefined,
        incidentCount: 0,
      };
      this.#live.set(roomId, room);
      return room;
    });
    this.#opening.set(roomId, opening);
    try {
      return await opening;
    } finally {
      this.#opening.delete(roomId);
    }
  }

  async #release(roomId: RoomId, room: RoomQuality): Promise<void> {
    this.#live.delete(roomId);
    const at = this.#now();
    for (const t of room.participants.values()) {
      for (const e of t.monitor.stop(at)) await this.#incidents.save(room.scope, e.incident);
    }
    const { tally, incidentCount } = room;
    room.tally = undefined;
    await this.#writeSummary(roomId, tally, incidentCount, at);
  }

  /**
   * Keeps the room's incident scope and tally on its current service session: when the
   * session changes (ended, or the next customer's began), the open incidents end with it
   * and its summary is written.
   */
  async #followSession(roomId: RoomId, room: RoomQuality, live: LiveRoom, at: number): Promise<void> {
    if (room.scope.sessionId === live.sessionId && (live.sessionId === null || room.tally)) return;
    // Switched before anything is awaited, so a sample and a sweep at once do not both end the session.
    const previous = { scope: room.scope, tally: room.tally, incidentCount: room.incidentCount };
    room.scope = { roomId, sessionId: live.sessionId };
    room.incidentCount = 0;
    room.tally = live.sessionId === null ? undefined : new SessionTally(live.sessionId, live.sessionStartedAt ?? at, room.callPolicy);
    // The default is read again for each session (admins may have changed it meanwhile).
    this.#policies.policyFor({ pointId: room.pointId }).then(
      (policy) => void (room.policy = policy),
      (err: unknown) => this.#log.error({ err, roomId }, 'reading the quality policy failed; the previous one applies'),
    );
    if (previous.scope.sessionId === live.sessionId) return;
    for (const t of room.participants.values()) await this.#handle(room, roomId, previous.scope, t.monitor.stop(at));
    await this.#writeSummary(roomId, previous.tally, previous.incidentCount, at);
  }

  async #writeSummary(roomId: RoomId, tally: SessionTally | undefined, incidentCount: number, at: number): Promise<void> {
    if (!tally) return;
    const summary = tally.finish(at, incidentCount);
    try {
      await this.#incidents.saveSummary(roomId, summary);
      this.#log.info({ roomId, sessionId: summary.sessionId, measuredMs: summary.measuredMs, belowMinimumMs: summary.belowMinimumMs }, 'session quality summary stored');
    } catch (err) {
      this.#log.error({ err, roomId, sessionId: summary.sessionId }, 'storing the session quality summary failed');
    }
  }

  /** Looks at live rooms between samples: a session that ended while no samples came is summed up. */
  async #sweepRoom(roomId: RoomId): Promise<void> {
    const room = await this.#room(roomId);
    const live = this.#rooms.live(roomId);
    if (room && live) await this.#followSession(roomId, room, live, this.#now());
  }
}

function newIncidentId() {
  return QualityIncidentIdSchema.parse(randomUUID());
}

function viewOf(
  peerId: PeerId,
  state: DetectorState,
  reasons: ParticipantQuality['reasons'],
  figures: ParticipantQuality['figures'],
  settling: boolean,
): ParticipantQuality {
  const openIncidentId = state.kind === 'incident' || state.kind === 'recovered' ? state.incident.incidentId : null;
  return { peerId, state: state.kind, reasons, figures, openIncidentId, settling };
}

export type { QualityIncident };
