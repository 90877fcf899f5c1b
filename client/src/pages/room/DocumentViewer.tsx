import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_ZOOM, MIN_ZOOM, type DocumentView, type PeerId, type Pointer, type Presentation } from '@kanava/shared';
import { loadPdf } from '../../documents/pdf.ts';

interface Props {
  document: DocumentView;
  presentation: Presentation;
  /** Staff steer what everyone sees; the customer follows. */
  canPresent: boolean;
  selfPeerId: PeerId | undefined;
  pointer: { peerId: PeerId; pointer: Pointer } | null;
  onPresent: (page: number, zoom: number) => void;
  onPoint: (pointer: Pointer | null) => void;
}

type RenderState = { kind: 'loading' } | { kind: 'failed' } | { kind: 'rendered'; page: number };
const ZOOM_STEP = 0.25;

/** One page of the presented document, drawn with pdf.js at the presenter's zoom (1 = the page fits the width). */
export function DocumentViewer({ document, presentation, canPresent, selfPeerId, pointer, onPresent, onPoint }: Props) {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const frameRef = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<RenderState>({ kind: 'loading' });
  const { page, zoom } = presentation;

  useEffect(() => {
    let cancelled = false;
    let cancelRender: (() => void) | undefined;
    setState((s) => (s.kind === 'rendered' ? s : { kind: 'loading' }));
    void (async () => {
      try {
        const pdf = await loadPdf(document.documentId, document.viewUrl);
        const pdfPage = await pdf.getPage(Math.min(page, pdf.numPages));
        const canvas = canvasRef.current;
        const frame = frameRef.current;
        if (cancelled || !canvas || !frame) return;
        const fit = frame.clientWidth / pdfPage.getViewport({ scale: 1 }).width;
        const viewport = pdfPage.getViewport({ scale: fit * zoom });
        const ratio = window.devicePixelRatio || 1;
        canvas.width = Math.floor(viewport.width * ratio);
        canvas.height = Math.floor(viewport.height * ratio);
        canvas.style.width = `${Math.floor(viewport.width)}px`;
        canvas.style.height = `${Math.floor(viewport.height)}px`;
        const task = pdfPage.render({ canvas, viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] });
        cancelRender = () => task.cancel();
        await task.promise;
        if (!cancelled) setState({ kind: 'rendered', page });
      } catch {
        if (!cancelled) setState({ kind: 'failed' });
      }
    })();
    return () => {
      cancelled = true;
      cancelRender?.();
    };
  }, [document.documentId, document.viewUrl, page, zoom]);

  const go = (nextPage: number, nextZoom = zoom) => {
    const p = Math.min(Math.max(1, nextPage), document.pages);
    const z = Math.min(Math.max(MIN_ZOOM, Math.round(nextZoom * 100) / 100), MAX_ZOOM);
    if (p !== page || z !== zoom) onPresent(p, z);
  };
  const onKey = (e: KeyboardEvent) => {
    if (!canPresent) return;
    if (e.key === 'PageDown') go(page + 1);
    else if (e.key === 'PageUp') go(page - 1);
    else return;
    e.preventDefault();
  };
  const where = (e: PointerEvent<HTMLCanvasElement>): Pointer => {
    const box = e.currentTarget.getBoundingClientRect();
    return { page, x: Math.min(1, Math.max(0, (e.clientX - box.left) / box.width)), y: Math.min(1, Math.max(0, (e.clientY - box.top) / box.height)) };
  };
  const iPresent = presentation.presenterPeerId === selfPeerId;
  const shownPointer = pointer && pointer.peerId !== selfPeerId && pointer.pointer.page === page ? pointer.pointer : null;

  return (
    <section className="document-viewer" aria-label={t('documents.viewer', { title: document.title })} onKeyDown={onKey}>
      <div className="document-toolbar" role="group" aria-label={t('documents.viewer', { title: document.title })}>
        {canPresent && (
          <>
            <button type="button" onClick={() => go(page - 1)} disabled={page <= 1}>
              <span aria-hidden="true">◀ </span>
              {t('documents.previous')}
            </button>
            <button type="button" onClick={() => go(page + 1)} disabled={page >= document.pages}>
              {t('documents.next')}
              <span aria-hidden="true"> ▶</span>
            </button>
            <button type="button" onClick={() => go(page, zoom - ZOOM_STEP)} disabled={zoom <= MIN_ZOOM} aria-label={t('documents.zoomOut')}>
              −
            </button>
            <button type="button" onClick={() => go(page, zoom + ZOOM_STEP)} disabled={zoom >= MAX_ZOOM} aria-label={t('documents.zoomIn')}>
              +
            </button>
          </>
        )}
        <span className="document-page" role="status" aria-live="polite" data-testid="document-page">
          {t('documents.page', { page, pages: document.pages })} · {t('documents.zoom', { percent: Math.round(zoom * 100) })}
        </span>
        {document.downloadUrl && (
          <a className="button" href={document.downloadUrl} download>
            {t('documents.download')}
          </a>
        )}
      </div>
      <p className="muted">{iPresent ? t('documents.presenting') : t('documents.following', { name: presentation.presenterName, page })}</p>
      {/* Focusable, so a zoomed page can be scrolled with the keyboard. */}
      <div className="document-frame" ref={frameRef} tabIndex={0} role="group" aria-label={t('documents.pageImage', { page, title: document.title })} data-rendered-page={state.kind === 'rendered' ? state.page : undefined}>
        {state.kind === 'loading' && <p role="status">{t('documents.loading')}</p>}
        {state.kind === 'failed' && <p role="alert" className="error">{t('documents.loadFailed')}</p>}
        <div className="document-page-box">
          <canvas
            ref={canvasRef}
            role="img"
            aria-label={t('documents.pageImage', { page, title: document.title })}
            onPointerMove={iPresent ? (e) => onPoint(where(e)) : undefined}
            onPointerLeave={iPresent ? () => onPoint(null) : undefined}
          />
          {shownPointer && (
            <span className="document-pointer" style={{ left: `${shownPointer.x * 100}%`, top: `${shownPointer.y * 100}%` }} title={t('documents.pointer')} aria-hidden="true" />
          )}
        </div>
      </div>
    </section>
  );
}
