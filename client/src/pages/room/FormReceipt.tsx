import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { localized, type Receipt } from '@kanava/shared';

const helsinki = (iso: string, lang: string) =>
  new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : `${lang}-FI`, { dateStyle: 'long', timeStyle: 'medium', timeZone: 'Europe/Helsinki' }).format(new Date(iso));

/** The receipt on screen: number, time, service and checksum, with printing at the point. */
export function FormReceipt({ receipt, showMatter }: { receipt: Receipt; showMatter: boolean }) {
  const { t, i18n } = useTranslation();
  const frame = useRef<HTMLIFrameElement>(null);

  // The receipt PDF is loaded into a hidden frame and printed from there: the kiosk stays on the call.
  const print = () => {
    const el = frame.current;
    if (!el) return;
    el.onload = () => el.contentWindow?.print();
    el.src = receipt.receiptUrl;
  };

  return (
    <section className="receipt" aria-labelledby={`receipt-${receipt.matterId}`} data-receipt-number={receipt.receiptNumber} data-receipt-url={receipt.receiptUrl}>
      <h3 id={`receipt-${receipt.matterId}`}>
        <span aria-hidden="true">✅ </span>
        {t('forms.receipt.title')}
      </h3>
      <dl>
        <dt>{t('forms.receipt.number')}</dt>
        <dd data-testid="receipt-number">{receipt.receiptNumber}</dd>
        <dt>{t('forms.receipt.time')}</dt>
        <dd>{helsinki(receipt.submittedAt, i18n.language)}</dd>
        <dt>{t('forms.receipt.service')}</dt>
        <dd>{localized(receipt.serviceName, i18n.language)}</dd>
        <dt>{t('forms.receipt.hash')}</dt>
        <dd className="hash" data-testid="receipt-hash">
          {receipt.sha256}
        </dd>
      </dl>
      <div className="receipt-actions">
        <button type="button" className="primary" onClick={print}>
          <span aria-hidden="true">🖨 </span>
          {t('forms.receipt.print')}
        </button>
        {showMatter && (
          <a className="button" href={receipt.matterUrl} download>
            {t('forms.receipt.matter')}
          </a>
        )}
      </div>
      <iframe ref={frame} title={t('forms.receipt.print')} className="visually-hidden" tabIndex={-1} aria-hidden="true" />
    </section>
  );
}
