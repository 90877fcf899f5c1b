import type { types } from 'mediasoup-client';
import type { AdmissionOverride, ParticipantQuality, PeerId, PointSlug, PrecheckResult, QualityIncident, QualityPolicy } from '@kanava/shared';
import type { SignallingClient } from '../call/SignallingClient.ts';
import { latestPrecheck } from '../precheck/precheckStore.ts';
import { mediaReport } from './mediaReport.ts';

/** The browser's figures go to the server this often (the SFU samples every second; the detector smooths over three). */
const REPORT_EVERY_MS = 2000;
/** Without a check, Chrome's encoder starts where the skeleton did; with one, at the measured upload. */
const DEFAULT_START_KBPS = 1000;
const MIN_START_KBPS = 300;
const MAX_START_KBPS = 2500;

export interface CallQualitySnapshot {
  policy: QualityPolicy | undefined;
  participants: ReadonlyMap<PeerId, ParticipantQuality>;
  prechecks: ReadonlyMap<PeerId, PrecheckResult>;
  /** The session's incidents, open and closed, oldest first. */
  incidents: readonly QualityIncident[];
  /** This participant's own check as the server judged it. */
  ownPrecheck: PrecheckResult | undefined;
  selfPeerId: PeerId | undefined;
  /** Block mode: customers below the minimum whom staff let in anyway, with the reason. */
  overrides: ReadonlyMap<PeerId, AdmissionOverride>;
}

/** How the call's media is reached for the reports; the call session provides it. */
export interface CallMediaAccess {
  sendTransport(): types.Transport | undefined;
  cameraProducer(): types.Producer | undefined;
}

/**
 * The call's quality on this device: submits the pre-call check after joining, reports
 * what only the browser sees every few seconds, and keeps everyone's figures, checks and
 * incidents from the server's events for the tiles and the expert's view.
 */
export class CallQuality {
  readonly #signalling: SignallingClient;
  readonly #slug: PointSlug;
  readonly #media: CallMediaAccess;
  readonly #listeners = new Set<() => void>();
  readonly #off: Array<() => void> = [];
  #timer: number | undefined;
  #snapshot: CallQualitySnapshot = {
    policy: undefined,
    participants: new Map(),
    prechecks: new Map(),
    incidents: [],
    ownPrecheck: undefined,
    selfPeerId: undefined,
    overrides: new Map(),
  };

  constructor(signalling: SignallingClient, slug: PointSlug, media: CallMediaAccess) {
    this.#signalling = signalling;
    this.#slug = slug;
    this.#media = media;
    this.#off.push(
      signalling.on('precheckReported', ({ peerId, precheck }) => this.#update({ prechecks: withEntry(this.#snapshot.prechecks, peerId, precheck) })),
      signalling.on('qualityChanged', ({ participants }) => this.#update({ participants: new Map(participants.map((p) => [p.peerId, p])) })),
      signalling.on('qualityIncidentOpened', ({ incident }) => this.#incident(incident)),
      signalling.on('qualityIncidentClosed', ({ incident }) => this.#incident(incident)),
      signalling.on('qualityOverridden', ({ peerId, override }) => this.#update({ overrides: withEntry(this.#snapshot.overrides, peerId, override) })),
    );
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = (): CallQualitySnapshot => this.#snapshot;

  /**
   * Called once the server has placed us (lobby or call), before media starts: the check goes
   * to the server first, so the SFU's estimate towards us starts at our measured download.
   * A failure here never stops the call.
   */
  async afterJoin(selfPeerId: PeerId): Promise<void> {
    this.#update({ selfPeerId });
    await this.submitLatest();
    await this.#signalling
      .request('quality.roomState', {})
      .then((state) =>
        this.#update({
          policy: state.policy,
          participants: new Map(state.participants.map((p) => [p.peerId, p])),
          prechecks: new Map(state.prechecks.map((p) => [p.peerId, p.precheck])),
          incidents: state.incidents,
          overrides: new Map(state.overrides.map((o) => [o.peerId, o.override])),
        }),
      )
      .catch(() => undefined);
    this.#startReporting();
  }

  /** Sends this device's latest finished check to the server, which judges it (again, after a new check). */
  async submitLatest(): Promise<void> {
    const local = latestPrecheck(this.#slug);
    if (!local) return;
    const { precheckId, durationMs, camera, microphone, network } = local;
    await this.#signalling
      .request('quality.submitPrecheck', {
        precheckId,
        durationMs,
        camera,
        microphone,
        downKbps: network.downKbps,
        rttMs: network.rttMs,
        ...(network.upBrowserLimited ? { upBrowserLimited: true } : {}),
      })
      .then(({ precheck }) => this.#update({ ownPrecheck: precheck }))
      .catch(() => undefined);
  }

  /** Staff: let a customer whose check is below the minimum in anyway; the reason is recorded. */
  async override(peerId: PeerId, reason: string): Promise<void> {
    const { override } = await this.#signalling.request('quality.override', { peerId, reason });
    this.#update({ overrides: withEntry(this.#snapshot.overrides, peerId, override) });
  }

  /** Block mode, the customer's own view: held before the lobby until the check passes or staff let them in. */
  get held(): boolean {
    const { ownPrecheck, selfPeerId, overrides } = this.#snapshot;
    return ownPrecheck !== undefined && !ownPrecheck.verdict.admissible && !(selfPeerId && overrides.has(selfPeerId));
  }

  /** The camera encoder's start bitrate (kbit/s): the upload the check measured, so 720p comes in seconds, not ~20 s. */
  startBitrateKbps(): number {
    const measured = this.#snapshot.ownPrecheck?.network.upKbps ?? latestPrecheck(this.#slug)?.network.upKbps;
    if (measured === undefined) return DEFAULT_START_KBPS;
    // 90 %: the encoder should start just under what the link carries, not fill its queue.
    return Math.round(Math.min(MAX_START_KBPS, Math.max(MIN_START_KBPS, measured * 0.9)));
  }

  dispose(): void {
    window.clearInterval(this.#timer);
    for (const off of this.#off) off();
    this.#off.length = 0;
  }

  #startReporting(): void {
    if (this.#timer !== undefined) return;
    this.#timer = window.setInterval(() => {
      const send = this.#media.sendTransport();
      if (!send || !this.#signalling.socket.connected) return;
      void mediaReport(send, this.#media.cameraProducer())
        .then((report) => this.#signalling.request('quality.report', report))
        .catch(() => undefined);
    }, REPORT_EVERY_MS);
  }

  /** Opened and closed events may come twice (as call member and as the point's staff): keyed by id. */
  #incident(incident: QualityIncident): void {
    const others = this.#snapshot.incidents.filter((i) => i.incidentId !== incident.incidentId);
    this.#update({ incidents: [...others, incident].sort((a, b) => a.startedAt - b.startedAt) });
  }

  #update(patch: Partial<CallQualitySnapshot>): void {
    this.#snapshot = { ...this.#snapshot, ...patch };
    for (const listener of this.#listeners) listener();
  }
}

function withEntry<K, V>(map: ReadonlyMap<K, V>, key: K, value: V): Map<K, V> {
  const next = new Map(map);
  next.set(key, value);
  return next;
}
