import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { PointSlugSchema, type PointSlug, type PublicServicePoint } from '@kanava/shared';
import { fetchPoint, type PointLookup } from '../api.ts';
import { CallSession } from '../call/CallSession.ts';
import { Layout } from '../components/Layout.tsx';
import { useStaffSession } from '../staffSession.ts';
import { CustomerEnd } from './room/CustomerEnd.tsx';
import { InCall } from './room/InCall.tsx';
import { KioskStart } from './room/KioskStart.tsx';
import { LeftCall } from './room/LeftCall.tsx';
import { LobbyWait } from './room/LobbyWait.tsx';
import { LobbyHeld } from '../quality/LobbyHeld.tsx';
import { useCallQuality } from '../quality/useCallQuality.ts';
import { PreJoin } from './room/PreJoin.tsx';
import { HomeLinkGate } from './booking/HomeLinkGate.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';

/**
 * Where this device is in the point's room. Customers (the kiosk link) start from the
 * language screen; staff go straight to the device check.
 */
type Stage = { kind: 'start' } | { kind: 'prejoin' } | { kind: 'call'; session: CallSession } | { kind: 'left' };

export function PointRoomPage() {
  const { slug: rawSlug = '' } = useParams();
  const [search] = useSearchParams();
  const kioskToken = search.get('k') ?? undefined;
  // A customer at home opens their booking's personal link (/p/<point>?b=<token>) instead of the kiosk link.
  const bookingLink = search.get('b') ?? undefined;
  const { t, i18n } = useTranslation();
  const staff = useStaffSession();
  const slug = PointSlugSchema.safeParse(rawSlug);
  const [lookup, setLookup] = useState<PointLookup | 'loading'>('loading');
  const [stage, setStage] = useState<Stage>({ kind: 'start' });

  useEffect(() => {
    if (!slug.success) return;
    setLookup('loading');
    void fetchPoint(slug.data).then(setLookup);
  }, [rawSlug]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (stage.kind !== 'call') return;
    const session = stage.session;
    return () => void session.hangUp();
  }, [stage]);

  const point = lookup !== 'loading' && lookup.kind === 'found' ? lookup.point : undefined;
  const pointName = point ? nameOf(point, i18n.language) : undefined;
  useEffect(() => {
    if (pointName) document.title = `${pointName} – ${t('app.name')}`;
  }, [pointName, t]);

  const backToStart = useCallback(() => setStage({ kind: 'start' }), []);

  if (!slug.success || (lookup !== 'loading' && lookup.kind === 'notFound')) return <NotFoundPage />;
  if (lookup === 'loading' || staff.kind === 'loading') {
    return (
      <Layout>
        <p role="status" className="lead">
          {t('point.loading')}
        </p>
      </Layout>
    );
  }
  if (lookup.kind === 'failed' || !point) {
    return (
      <Layout>
        <p role="alert" className="lead">
          {t('point.loadFailed')}
        </p>
      </Layout>
    );
  }

  const staffUser = staff.kind === 'signedIn' ? staff.user : undefined;
  if (!staffUser && !kioskToken && !bookingLink) {
    return (
      <Layout title={pointName}>
        <div className="notice" role="alert">
          <span className="notice-icon" aria-hidden="true">🔒</span>
          <h1>{pointName}</h1>
          <p className="lead">{t('kiosk.linkNeeded')}</p>
          <Link className="button primary" to={`/sign-in?next=${encodeURIComponent(`/p/${slug.data}`)}`}>
            {t('kiosk.signIn')}
          </Link>
        </div>
      </Layout>
    );
  }

  const startCall = (displayName: string, stream: MediaStream) => {
    const session = new CallSession(slug.data as PointSlug, displayName, stream, staffUser ? undefined : kioskToken, staffUser ? undefined : bookingLink);
    setStage({ kind: 'call', session });
    void session.join();
  };

  if (bookingLink && !staffUser && stage.kind === 'start') {
    return (
      <Layout title={pointName}>
        <HomeLinkGate token={bookingLink}>
          <KioskStart pointName={pointName ?? ''} onStart={() => setStage({ kind: 'prejoin' })} />
        </HomeLinkGate>
      </Layout>
    );
  }

  return (
    <Layout title={pointName}>
      {stage.kind === 'start' && !staffUser && (
        <KioskStart pointName={pointName ?? ''} onStart={() => setStage({ kind: 'prejoin' })} checkKioskOf={kioskToken ? (slug.data as PointSlug) : undefined} />
      )}
      {(stage.kind === 'prejoin' || (stage.kind === 'start' && staffUser)) && (
        <PreJoin
          pointName={pointName ?? ''}
          staffName={staffUser?.displayName}
          joinLabel={staffUser ? t('staff.joinAs', { name: staffUser.displayName }) : t('kiosk.enterLobby')}
          onJoin={startCall}
        />
      )}
      {stage.kind === 'call' && (
        <CallStage
          session={stage.session}
          slug={slug.data as PointSlug}
          isStaff={staffUser !== undefined}
          onLeft={() => {
            if (staffUser) setStage({ kind: 'left' });
          }}
          onDone={backToStart}
        />
      )}
      {stage.kind === 'left' &&
        (staffUser ? <LeftCall onRejoin={() => setStage({ kind: 'prejoin' })} /> : <CustomerEnd declineReason={undefined} onDone={backToStart} />)}
    </Layout>
  );
}

/** Follows the call's lifecycle: lobby, call, and how it ended. */
function CallStage({
  session,
  slug,
  isStaff,
  onLeft,
  onDone,
}: {
  session: CallSession;
  slug: PointSlug;
  isStaff: boolean;
  onLeft: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const call = useSyncExternalStore(session.subscribe, session.getSnapshot);
  const quality = useCallQuality(session.quality);
  switch (call.phase) {
    case 'lobby':
      // Block mode: below the minimum, the customer is told so and helped instead of waiting.
      if (quality.ownPrecheck && session.quality.held) {
        return (
          <LobbyHeld
            slug={slug}
            precheck={quality.ownPrecheck}
            quality={session.quality}
            stream={session.localStream}
            advisorCalled={call.advisorCalledAt !== undefined}
            onCallAdvisor={() => void session.callAdvisor()}
          />
        );
      }
      return <LobbyWait waitingSince={call.waitingSince ?? new Date().toISOString()} advisorCalled={call.advisorCalledAt !== undefined} onCallAdvisor={() => void session.callAdvisor()} />;
    case 'ended':
    case 'declined':
      return <CustomerEnd declineReason={call.phase === 'declined' ? (call.declineReason ?? '') : undefined} surveyToken={call.surveyToken} onDone={onDone} />;
    case 'failed':
      return (
        <section className="notice" role="alert">
          <h1>
            {call.error === 'protocolMismatch'
              ? t('errors.protocolMismatch')
              : call.error === 'forbidden'
                ? t('kiosk.linkNeeded')
                : t('errors.connectionFailed')}
          </h1>
          <button type="button" className="primary big" onClick={isStaff ? onLeft : onDone}>
            {t('prejoin.retry')}
          </button>
        </section>
      );
    case 'left':
      // A customer who hung up gets the same ending as one whose service the expert ended.
      return isStaff ? null : <CustomerEnd declineReason={undefined} surveyToken={call.surveyToken} onDone={onDone} />;
    case 'idle':
    case 'joining':
    case 'inCall':
    case 'reconnecting':
      return <InCall session={session} onLeft={onLeft} />;
  }
}

function nameOf(point: PublicServicePoint, language: string): string {
  return language === 'sv' ? point.nameSv : point.nameFi;
}
