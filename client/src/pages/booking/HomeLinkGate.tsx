import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BookingLinkStatusSchema, type BookingLinkStatus } from '@kanava/shared';
import { api } from '../../auth/api.ts';
import { useNameOf } from '../admin/ui.tsx';
import { languages } from '../../i18n/index.ts';
import { useHelsinkiFormat } from './helsinkiTime.ts';

type Check = { kind: 'checking' } | { kind: 'failed' } | { kind: 'done'; status: BookingLinkStatus };

/**
 * A customer at home opened their booking's personal link. The server says whether it opens
 * the room now; if so the usual start (language, device check, lobby) follows, else the
 * customer is told why in Finnish, Swedish and English at once (we do not know their language yet).
 */
export function HomeLinkGate({ token, children }: { token: string; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const f = useHelsinkiFormat();
  const nameOf = useNameOf();
  const [check, setCheck] = useState<Check>({ kind: 'checking' });

  useEffect(() => {
    let cancelled = false;
    void api('POST', '/api/booking/links/status', BookingLinkStatusSchema, { token }).then((res) => {
      if (!cancelled) setCheck(res.ok ? { kind: 'done', status: res.data } : { kind: 'failed' });
    });
    return () => {
      cancelled = true;
    };
  }, [token]);

  if (check.kind === 'checking') {
    return (
      <p role="status" className="lead">
        {t('homeLink.checking')}
      </p>
    );
  }
  if (check.kind === 'done' && check.status.status === 'open') {
    const s = check.status;
    return (
      <>
        <p className="lead home-link-booking" role="status">
          {t('homeLink.open', { time: `${f.date(s.startsAt)} ${f.time(s.startsAt)}`, provider: nameOf(s.provider), service: nameOf(s.service) })}
        </p>
        {children}
      </>
    );
  }
  const status = check.kind === 'failed' ? undefined : check.status;
  const say = (lng: string) => {
    const tl = i18n.getFixedT(lng);
    if (!status) return tl('homeLink.failed');
    if (status.status === 'notYet') {
      return tl('homeLink.notYet', { opens: `${f.date(status.opensAt)} ${f.time(status.opensAt)}`, time: f.time(status.startsAt) });
    }
    return tl(`homeLink.${status.status === 'open' ? 'unknown' : status.status}`);
  };
  return (
    <section className="notice home-link-refused" role="alert" aria-labelledby="home-link-title">
      <span className="notice-icon" aria-hidden="true">
        🔒
      </span>
      <h1 id="home-link-title">{t('homeLink.title')}</h1>
      {languages.map((lng) => (
        <p key={lng} lang={lng} className="lead">
          {say(lng)}
        </p>
      ))}
    </section>
  );
}
