import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PointSlugSchema, type PointSlug, type PublicServicePoint } from '@kanava/shared';
import { fetchPoint, type PointLookup } from '../api.ts';
import { CallSession } from '../call/CallSession.ts';
import { Layout } from '../components/Layout.tsx';
import { InCall } from './room/InCall.tsx';
import { LeftCall } from './room/LeftCall.tsx';
import { PreJoin } from './room/PreJoin.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';

/** Where this device is in the point's room: getting ready, in the call, or done. */
type Stage = { kind: 'prejoin' } | { kind: 'call'; session: CallSession } | { kind: 'left' };

export function PointRoomPage() {
  const { slug: rawSlug = '' } = useParams();
  const { t, i18n } = useTranslation();
  const slug = PointSlugSchema.safeParse(rawSlug);
  const [lookup, setLookup] = useState<PointLookup | 'loading'>('loading');
  const [stage, setStage] = useState<Stage>({ kind: 'prejoin' });

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

  if (!slug.success || (lookup !== 'loading' && lookup.kind === 'notFound')) return <NotFoundPage />;
  if (lookup === 'loading') {
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

  return (
    <Layout title={pointName}>
      {stage.kind === 'prejoin' && (
        <PreJoin
          pointName={pointName ?? ''}
          onJoin={(displayName, stream) => {
            const session = new CallSession(slug.data as PointSlug, displayName, stream);
            setStage({ kind: 'call', session });
            void session.join();
          }}
        />
      )}
      {stage.kind === 'call' && (
        <InCall session={stage.session} onLeft={() => setStage({ kind: 'left' })} onRetry={() => setStage({ kind: 'prejoin' })} />
      )}
      {stage.kind === 'left' && <LeftCall onRejoin={() => setStage({ kind: 'prejoin' })} />}
    </Layout>
  );
}

function nameOf(point: PublicServicePoint, language: string): string {
  return language === 'sv' ? point.nameSv : point.nameFi;
}
