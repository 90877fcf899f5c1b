import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Service } from '@kanava/shared';
import { recordsApi } from './recordsApi.ts';
import { Field, SaveMessage, useSave } from './ui.tsx';

/** The service card of one service: write it as text or upload the provider's PDF. */
export function ServiceCardEditor({ service, onChange }: { service: Service; onChange: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState<string | undefined>();
  const save = useSave();
  // The editor appears only once the current card is loaded, so nothing typed is overwritten.
  useEffect(() => {
    void recordsApi.card(service.id).then((r) => setText(r.ok && r.data.kind === 'text' ? r.data.text : ''));
  }, [service.id]);
  if (text === undefined) return <p role="status">{t('admin.loading')}</p>;

  async function upload(file: File | undefined) {
    if (!file) return;
    if (await save.run(() => recordsApi.uploadCardPdf(service.id, file), t('records.service.uploaded'))) onChange();
  }

  return (
    <section className="section" aria-labelledby={`card-${service.id}`}>
      <h3 id={`card-${service.id}`}>
        {t('records.service.card')}: {service.nameFi}
      </h3>
      {service.card === 'pdf' && (
        <p>
          <a href={recordsApi.cardPdfUrl(service.id)} target="_blank" rel="noreferrer">
            {t('records.point.openPdf')}
          </a>
        </p>
      )}
      <Field id={`card-text-${service.id}`} label={t('records.service.cardText')} value={text} onChange={setText} multiline error={save.fieldError('text')} />
      <div className="toolbar-row">
        <button type="button" className="primary" onClick={() => void save.run(() => recordsApi.saveCardText(service.id, text), t('admin.saved')).then((r) => r && onChange())}>
          {t('records.service.saveCard')}
        </button>
        <div className="field">
          <label htmlFor={`card-pdf-${service.id}`}>{t('records.service.uploadPdf')}</label>
          <input id={`card-pdf-${service.id}`} type="file" accept="application/pdf" onChange={(e) => void upload(e.target.files?.[0])} />
        </div>
      </div>
      <SaveMessage state={save.state} />
    </section>
  );
}
