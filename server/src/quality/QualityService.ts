import { randomUUID } from 'node:crypto';
import {
  QualityIncidentIdSchema,
  type ClientMediaReport,
  type ParticipantQuality,
  type PeerId,
  type PrecheckResult,
  type PrecheckSubmission,
  type QualityIncident,
  type QualityPolicy,
  type RoomId,
  type ServicePointId,
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
import { toCallAndStaff, type QualityNotifier, type QualityRooms } from './QualityRooms.ts';

/** Figures go to the call every other sample, and at once when someone's state changes. */
const BROADCAST_EVERY_SAMPLES = 2;

interface Tracked {
  monitor: ParticipantMonitor;
  view: ParticipantQuality;
  report: TimedReport | undefined;
  precheck: PrecheckResult | undefined;
}

interface RoomQuality {
  pointId: ServicePointId;
  policy: QualityPolicy;
  participants: Map<PeerId, Tracked>;
  samples: number;
  /** The service session the room's incidents belong to, as of the last sample. */
  scope: IncidentScope;
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
    this.#sfu.on('qualitySampled', this.#onSample);
    this.#sweep = setInterval(() => {
      for (const roomId of [...this.#live.keys()]) void this.#room(roomId);
    }, SWEEP_MS);
    this.#sweep.unref();
  }

  close(): void {
    this.#sfu.off('qualitySampled', this.#onSample);
    clearInterval(this.#sweep);
  }

  /** The room's policy (the point's, until services are known in the room). */
  async policyOf(roomId: RoomId): Promise<QualityPolicy | undefined> {
    return (await this.#room(roomId))?.policy;
  }

  async submitPrecheck(roomId: RoomId, peerId: PeerId, submission: PrecheckSubmission): Promise<PrecheckResult> {
    const room = await this.#room(roomId);
    if (!room) throw new Error('room is not live');
    const precheck = this.prechecks.resolve(submission, room.pointId, room.policy);
    this.#tracked(room, peerId).precheck = precheck;
    this.#log.info({ roomId, peerId, verdict: precheck.verdict.overall, up: precheck.network.upKbps, down: precheck.network.downKbps }, 'check stored');
    toCallAndStaff(this.#notifier, roomId, room.pointId, 'precheckReported', { peerId, precheck });
    return precheck;
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
      policy: room.policy,
      participants: participants.map(([, t]) => t.view),
      prechecks: participants.flatMap(([peerId, t]) => (t.precheck ? [{ peerId, precheck: t.precheck }] : [])),
      incidents: await this.#incidents.listFor({ roomId, sessionId: live.sessionId }),
    };
  }

  async #sampled({ roomId, at, peers }: SfuEvents['qualitySampled']): Promise<void> {
    const room = await this.#room(roomId);
    const live = this.#rooms.live(roomId);
    if (!room || !live) return;
    const scope: IncidentScope = { roomId, sessionId: live.sessionId };
    room.scope = scope;
    const inCall = new Set(live.inCall);
    const bySfu = new Map(peers.map((p) => [p.peerId, p]));
    let changed = false;
    for (const peerId of inCall) {
      const t = this.#tracked(room, peerId);
      const raw = figuresOf(bySfu.get(peerId), t.report, this.#now());
      const before = t.monitor.state.kind;
      const judged = t.monitor.push(at, raw, room.policy);
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
      t = { monitor: new ParticipantMonitor(peerId, newIncidentId, this.#timings), view: viewOf(peerId, INITIAL_STATE, [], NO_FIGURES, true), report: undefined, precheck: undefined };
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
      const room: RoomQuality = { pointId: live.pointId, policy, participants: new Map(), samples: 0, scope: { roomId, sessionId: live.sessionId } };
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
