import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceEventDetail, ServiceSessionView } from '@kanava/shared';
import { ClassifyEvent } from './ClassifyEvent.tsx';
import { eventsApi } from './eventsApi.ts';
import './events.css';

/** The server writes the event just after the session ends: a few tries a second apart find it. */
const TRIES = 10;

/**
 * Shown to the expert and the advisor in the room when a service session ends: the event's
 * classification and their connection rating, while the next customer may already wait.
 */
export function EndOfServicePanel({ session }: { session: ServiceSessionView | null }) {
  const { t } = useTranslation();
  const previous = useRef<ServiceSessionView | null>(null);
  const [endedId, setEndedId] = useState<string | undefined>();
  const [state, setState] = useState<{ kind: 'loading' } | { kind: 'failed' } | { kind: 'ready'; detail: ServiceEventDetail }>({ kind: 'loading' });

  useEffect(() => {
    const before = previous.current;
    previous.current = session;
    if (before && before.sessionId !== session?.sessionId) setEndedId(before.sessionId);
  }, [session]);

  useEffect(() => {
    if (!endedId) return;
    let cancelled = false;
    setState({ kind: 'loading' });
    void (async () => {
      for (let i = 0; i < TRIES && !cancelled; i++) {
        const r = await eventsApi.event(endedId);
        if (cancelled) return;
        if (r.ok) return setState({ kind: 'ready', detail: r.data });
        // Not this staff member's to classify (another provider's expert in the room): nothing to show.
        if (r.status === 403) return setEndedId(undefined);
        if (r.status !== 404) break;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      if (!cancelled) setState({ kind: 'failed' });
    })();
    return () => {
      cancelled = true;
    };
  }, [endedId]);

  if (!endedId) return null;
  return (
    <section className="end-of-service" aria-labelledby="end-of-service-title">
      <h2 id="end-of-service-title">{t('events.endTitle')}</h2>
      {state.kind === 'loading' && <p role="status">{t('events.loading')}</p>}
      {state.kind === 'failed' && <p role="alert">{t('events.notFound')}</p>}
      {state.kind === 'ready' && (
        <>
          <p>{t('events.endIntro')}</p>
          <ClassifyEvent key={endedId} detail={state.detail} />
        </>
      )}
      <button type="button" onClick={() => setEndedId(undefined)}>
        {t('events.close')}
      </button>
    </section>
  );
}
