import { useEffect, useId, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_DOCUMENT_BYTES, localized, type PeerId, type ServiceCardChoice } from '@kanava/shared';
import type { SessionDocuments, UploadFailure } from '../../documents/SessionDocuments.ts';
import { forgetPdfs } from '../../documents/pdf.ts';
import { DocumentViewer } from './DocumentViewer.tsx';
import '../../documents/material.css';

interface Props {
  documents: SessionDocuments;
  isStaff: boolean;
  open: boolean;
  selfPeerId: PeerId | undefined;
}

const MB = Math.round(MAX_DOCUMENT_BYTES / 1024 / 1024);

/** The session's shared documents: staff share a PDF or a service card and steer; everyone sees the presented page. */
export function DocumentPanel({ documents, isStaff, open, selfPeerId }: Props) {
  const { t, i18n } = useTranslation();
  const snap = useSyncExternalStore(documents.subscribe, documents.getSnapshot);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | undefined>();
  const [busy, setBusy] = useState(false);
  const [allowDownload, setAllowDownload] = useState(false);
  const [cards, setCards] = useState<ServiceCardChoice[] | undefined>();
  const [card, setCard] = useState('');
  const ids = { file: useId(), allow: useId(), card: useId(), help: useId() };

  useEffect(() => {
    if (!open) forgetPdfs();
    if (!open || !isStaff) return;
    void documents.serviceCards().then(setCards, () => setCards([]));
  }, [open, isStaff, documents]);

  const report = (failure: UploadFailure | undefined, title: string) => {
    if (!failure) setMessage({ kind: 'ok', text: t('documents.shared', { title }) });
    else setMessage({ kind: 'error', text: failure.kind === 'refused' ? t(`documents.problem.${failure.problem}`, { mb: MB }) : t('documents.problem.failed') });
  };

  async function uploadFile(file: File, input: HTMLInputElement) {
    setBusy(true);
    setMessage(undefined);
    // Checked here for a quick answer; the server decides from the bytes in any case.
    const failure: UploadFailure | undefined = file.size > MAX_DOCUMENT_BYTES ? { kind: 'refused', problem: 'tooLarge' } : await documents.upload(file, allowDownload);
    report(failure, file.name);
    setBusy(false);
    input.value = '';
  }

  async function shareCard() {
    const chosen = cards?.find((c) => c.serviceId === card);
    if (!chosen) return;
    setBusy(true);
    report(await documents.shareServiceCard(chosen.serviceId, allowDownload), localized(chosen.serviceName, i18n.language));
    setBusy(false);
  }

  const presented = snap.presentation ? snap.documents.find((d) => d.documentId === snap.presentation?.documentId) : undefined;

  return (
    <section className="material-panel" aria-labelledby="documents-title">
      <h2 id="documents-title">{t('documents.title')}</h2>
      {!open && <p className="muted">{t('documents.closed')}</p>}
      {open && isStaff && (
        <div className="document-share">
          <div className="field">
            <label htmlFor={ids.file}>{t('documents.upload')}</label>
            <input
              id={ids.file}
              type="file"
              accept="application/pdf,.pdf"
              aria-describedby={ids.help}
              disabled={busy}
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void uploadFile(file, e.target);
              }}
            />
            <p id={ids.help} className="help">
              {t('documents.uploadHelp', { mb: MB })}
            </p>
          </div>
          <div className="checkbox-row">
            <input id={ids.allow} type="checkbox" checked={allowDownload} onChange={(e) => setAllowDownload(e.target.checked)} />
            <label htmlFor={ids.allow}>{t('documents.allowDownload')}</label>
          </div>
          {cards && cards.length > 0 && (
            <div className="field inline">
              <label htmlFor={ids.card}>{t('documents.chooseCard')}</label>
              <select id={ids.card} value={card} onChange={(e) => setCard(e.target.value)}>
                <option value="">–</option>
                {cards.map((c) => (
                  <option key={c.serviceId} value={c.serviceId}>
                    {localized(c.serviceName, i18n.language)}
                  </option>
                ))}
              </select>
              <button type="button" onClick={() => void shareCard()} disabled={busy || !card}>
                {t('documents.serviceCard')}
              </button>
            </div>
          )}
          {cards && cards.length === 0 && <p className="muted">{t('documents.noCards')}</p>}
          {busy && <p role="status">{t('documents.uploading')}</p>}
        </div>
      )}
      <div aria-live="polite">{message && <p className={message.kind === 'error' ? 'error' : 'notice-ok'} role={message.kind === 'error' ? 'alert' : undefined}>{message.text}</p>}</div>
      {open && snap.documents.length === 0 && <p className="muted">{t('documents.none')}</p>}
      {open && isStaff && snap.documents.length > 1 && (
        <ul className="document-list">
          {snap.documents.map((d) => (
            <li key={d.documentId}>
              <button type="button" aria-pressed={d.documentId === presented?.documentId} onClick={() => void documents.present(d.documentId, 1, 1)}>
                {d.title}
              </button>
            </li>
          ))}
        </ul>
      )}
      {open && presented && snap.presentation && (
        <DocumentViewer
          key={presented.documentId}
          document={presented}
          presentation={snap.presentation}
          canPresent={isStaff}
          selfPeerId={selfPeerId}
          pointer={snap.pointer}
          onPresent={(page, zoom) => void documents.present(presented.documentId, page, zoom).catch(() => setMessage({ kind: 'error', text: t('documents.problem.failed') }))}
          onPoint={(p) => documents.point(p)}
        />
      )}
    </section>
  );
}
