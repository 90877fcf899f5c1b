import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PointSlug } from '@kanava/shared';
import { LocalMediaFailure, openLocalMedia } from '../../call/localMedia.ts';
import { PrecheckRunner, type PrecheckFailure } from '../../precheck/PrecheckRunner.ts';
import { readinessOf, type Readiness } from '../../precheck/kioskReadiness.ts';
import { deviceFailureText } from './PreJoin.tsx';
import { forgetPrecheck } from '../../precheck/precheckStore.ts';
import { fps, locale, mbit } from '../../quality/formatFigures.ts';
import '../../quality/quality.css';

/**
 * A start page left alone this long checks itself: a customer who taps a language at once does not
 * wait behind it (their own check runs on the next screen), and the advisor who turned the kiosk on
 * sees the result by the time they look.
 */
const FIRST_CHECK_AFTER_MS = 5000;
/** Checked again while nobody uses the kiosk, so a camera unplugged at noon shows before the next customer. */
const RECHECK_EVERY_MS = 60 * 60 * 1000;

type State =
  | { kind: 'waiting' }
  | { kind: 'checking' }
  | { kind: 'devices'; reason: LocalMediaFailure['reason'] }
  | { kind: 'failed'; reason: PrecheckFailure }
  | { kind: 'done'; readiness: Readiness; camera: string; network: string; at: Date };

/**
 * The last finished check of each point on this page, kept across customers: the start page comes back
 * after every call, and the camera should not switch itself on each time a customer walks away.
 */
const lastChecks = new Map<PointSlug, { state: State; at: number }>();

/**
 * The kiosk's own device and network check on its start page (journey 1: "a small green ready, or what
 * is wrong"). The camera is open only while the check runs; the result stays on this page and nothing
 * of it goes to a customer's call.
 */
export function KioskReadiness({ slug }: { slug: PointSlug }) {
  const { t, i18n } = useTranslation();
  const [state, setStateHere] = useState<State>(() => lastChecks.get(slug)?.state ?? { kind: 'waiting' });
  const setState = useCallback(
    (next: State) => {
      if (next.kind !== 'checking') lastChecks.set(slug, { state: next, at: Date.now() });
      setStateHere(next);
    },
    [slug],
  );
  const running = useRef<{ runner: PrecheckRunner; stream: MediaStream | undefined; cancelled: boolean } | undefined>(undefined);

  const stop = useCallback(() => {
    const current = running.current;
    running.current = undefined;
    if (!current) return;
    current.cancelled = true;
    current.runner.cancel();
    current.stream?.getTracks().forEach((track) => track.stop());
  }, []);

  const check = useCallback(async () => {
    stop();
    const current = { runner: new PrecheckRunner(slug), stream: undefined as MediaStream | undefined, cancelled: false };
    running.current = current;
    setState({ kind: 'checking' });
    try {
      current.stream = await openLocalMedia();
    } catch (err) {
      if (!current.cancelled) setState({ kind: 'devices', reason: err instanceof LocalMediaFailure ? err.reason : 'unsupported' });
      return;
    }
    if (current.cancelled) {
      current.stream.getTracks().forEach((track) => track.stop());
      return;
    }
    // Chrome counts a camera's frames only while something consumes them; the customer's check has the
    // preview for that, this one plays the picture into a video element nobody sees.
    const sink = document.createElement('video');
    sink.muted = true;
    sink.playsInline = true;
    sink.srcObject = current.stream;
    void sink.play().catch(() => undefined);
    current.runner.start(current.stream);
    await current.runner.settled();
    sink.srcObject = null;
    current.stream.getTracks().forEach((track) => track.stop());
    if (current.cancelled) return;
    running.current = undefined;
    const outcome = current.runner.getSnapshot();
    if (outcome.kind === 'failed') {
      setState({ kind: 'failed', reason: outcome.reason });
      return;
    }
    if (outcome.kind !== 'done') return;
    // A customer's call takes its start bitrate from their own check on the next screen, not from this one.
    forgetPrecheck(slug);
    const { camera, network } = outcome.result;
    setState({
      kind: 'done',
      readiness: readinessOf(outcome.result),
      camera: camera.status === 'measured' ? `${camera.width}×${camera.height}, ${fps(camera.frameRate, i18n.language)} fps` : '–',
      // Firefox's upload is how far its encoder went in the test, a lower bound (NetworkFigures.upBrowserLimited).
      network: `${network.upBrowserLimited ? '≥ ' : ''}${mbit(network.upKbps, i18n.language)} / ${mbit(network.downKbps, i18n.language)}`,
      at: new Date(),
    });
  }, [slug, stop, setState, i18n.language]);

  useEffect(() => {
    const last = lastChecks.get(slug);
    const firstAfter = last ? Math.max(FIRST_CHECK_AFTER_MS, last.at + RECHECK_EVERY_MS - Date.now()) : FIRST_CHECK_AFTER_MS;
    let again: ReturnType<typeof setInterval> | undefined;
    const first = setTimeout(() => {
      void check();
      again = setInterval(() => void check(), RECHECK_EVERY_MS);
    }, firstAfter);
    return () => {
      clearTimeout(first);
      clearInterval(again);
      stop();
    };
    // Started once per page; a language change re-labels the result, it does not check again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [slug]);

  const time = state.kind === 'done' ? new Intl.DateTimeFormat(locale(i18n.language), { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Helsinki' }).format(state.at) : '';
  return (
    <section className="kiosk-readiness" aria-label={t('readiness.label')} data-state={state.kind} data-status={state.kind === 'done' ? state.readiness.status : undefined}>
      <div role="status" aria-live="polite">
        {state.kind === 'checking' && (
          <p>
            <span className="spinner" aria-hidden="true" /> {t('readiness.checking')}
          </p>
        )}
        {state.kind === 'devices' && <p className="verdict-belowMinimum">⚠ {t(deviceFailureText[state.reason])}</p>}
        {state.kind === 'failed' && <p className="verdict-belowMinimum">⚠ {t(`precheck.failed.${state.reason}`)}</p>}
        {state.kind === 'done' && (
          <>
            <p className={`verdict-${state.readiness.status === 'ready' ? 'good' : state.readiness.status === 'warning' ? 'belowRecommended' : 'belowMinimum'}`}>
              {state.readiness.status === 'problem' ? `⚠ ${t('readiness.problem')}` : `✓ ${t(state.readiness.status === 'ready' ? 'readiness.ready' : 'readiness.readyWithNote')}`}
            </p>
            {state.readiness.lines.length > 0 && (
              <ul>
                {state.readiness.lines.map((line) => (
                  <li key={line.key}>{t(`readiness.line.${line.key}`, line.values)}</li>
                ))}
              </ul>
            )}
            <p className="help">{t('readiness.figures', { camera: state.camera, network: state.network, time })}</p>
          </>
        )}
      </div>
      {(state.kind === 'done' || state.kind === 'failed' || state.kind === 'devices') && (
        <button type="button" onClick={() => void check()}>
          {t('readiness.again')}
        </button>
      )}
    </section>
  );
}
