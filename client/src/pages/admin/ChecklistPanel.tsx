import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChecklistStep, ChecklistStepName, KioskCheck } from '@kanava/shared';
import { recordsApi } from './recordsApi.ts';
import { Field, Loading, SaveMessage, useFormatTime, useLoad, useSave } from './ui.tsx';

/** The new-point checklist: each step in order, who did it and when, and the next step's form. */
export function ChecklistPanel({ pointId, onChange }: { pointId: string; onChange: () => void }) {
  const { t } = useTranslation();
  const formatTime = useFormatTime();
  const { state, reload } = useLoad(() => recordsApi.checklist(pointId), [pointId]);
  const save = useSave();
  const [equipmentNotes, setEquipmentNotes] = useState('');
  const [training, setTraining] = useState('');

  async function complete(step: ChecklistStepName) {
    const body = step === 'equipmentTest' ? { step, notes: equipmentNotes } : step === 'training' ? { step, record: { notes: training } } : { step };
    const done = await save.run(() => recordsApi.completeStep(pointId, body), t('admin.saved'));
    if (done) {
      reload();
      onChange();
    }
  }

  const details = (s: ChecklistStep) => {
    const d = s.done?.details ?? {};
    if (s.step === 'providersNotified' && Array.isArray(d['recipients'])) return t('records.checklist.recipients', { list: d['recipients'].join(', ') });
    if (s.step === 'equipmentTest' && typeof d['upKbps'] === 'number') {
      const camera = (d['camera'] ?? {}) as Record<string, unknown>;
      const fps = camera['frameRate'];
      // A lower bound from a browser that would not send at the probe's rate reads "≥ 520".
      const up = d['upload'] === 'atLeastMinimum' || d['upload'] === 'unknown' ? `≥ ${String(d['upKbps'])}` : d['upKbps'];
      return t('records.checklist.measured', { up, down: d['downKbps'], width: camera['width'] ?? '–', height: camera['height'] ?? '–', fps: typeof fps === 'number' ? Math.round(fps) : '–' });
    }
    if (s.step === 'training' && typeof d['notes'] === 'string') return d['notes'];
    return undefined;
  };

  return (
    <section className="section" aria-labelledby="checklist-title">
      <h2 id="checklist-title">{t('records.checklist.title')}</h2>
      <p>{t('records.checklist.intro')}</p>
      <Loading state={state} />
      {state.kind === 'ready' && (
        <ol className="checklist">
          {state.data.map((s, i) => {
            const next = !s.done && state.data.slice(0, i).every((p) => p.done);
            const title = t(`records.checklist.steps.${s.step}`);
            return (
              <li key={s.step} className={s.done ? 'done' : next ? 'next' : ''} aria-current={next ? 'step' : undefined}>
                <h3>
                  {i + 1}. {title}
                </h3>
                {s.done ? (
                  <p>
                    {t('records.checklist.done', { at: formatTime(s.done.at), by: s.done.by?.displayName ?? t('records.checklist.doneBySystem') })}
                    {details(s) && <span className="muted"> · {details(s)}</span>}
                  </p>
                ) : (
                  <p className="muted">
                    {t('records.checklist.pending')} · {t(`records.checklist.hints.${s.step}`)}
                  </p>
                )}
                {next && s.step === 'equipmentTest' && (
                  <>
                    <KioskCheckView pointId={pointId} />
                    <Field id="check-notes" label={t('records.checklist.notes')} value={equipmentNotes} onChange={setEquipmentNotes} />
                  </>
                )}
                {next && s.step === 'training' && (
                  <Field id="check-training" label={t('records.checklist.trainingNotes')} value={training} onChange={setTraining} multiline error={save.fieldError('record.notes')} />
                )}
                {next && (
                  <button type="button" className="primary" onClick={() => void complete(s.step)} aria-describedby="checklist-result">
                    {t('records.checklist.markDone')}: {title}
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}
      <div id="checklist-result">
        <SaveMessage state={save.state} />
      </div>
    </section>
  );
}

/** The latest pre-call check of the point's kiosk, as the server measured and judged it; refreshed on demand. */
function KioskCheckView({ pointId }: { pointId: string }) {
  const { t } = useTranslation();
  const formatTime = useFormatTime();
  const { state, reload } = useLoad(() => recordsApi.kioskCheck(pointId), [pointId]);
  const shown = (c: KioskCheck) => (
    <ul className="plain">
      <li>{t('records.checklist.kioskCheckAt', { at: formatTime(c.measuredAt) })}</li>
      <li>{t('records.checklist.kioskNetwork', { up: c.upload === 'measured' ? c.upKbps : `≥ ${c.upKbps}`, down: c.downKbps })}</li>
      <li>{c.camera ? t('records.checklist.kioskCamera', { width: c.camera.width, height: c.camera.height, fps: Math.round(c.camera.frameRate) }) : t('records.checklist.kioskNoCamera')}</li>
      <li>{c.microphone ? t('records.checklist.kioskMicrophone') : t('records.checklist.kioskNoMicrophone')}</li>
      <li>
        <strong>{t(`records.checklist.kioskVerdict.${c.overall}`)}</strong>
      </li>
    </ul>
  );
  return (
    <div className="kiosk-check" role="group" aria-labelledby="kiosk-check-title">
      <h4 id="kiosk-check-title">{t('records.checklist.kioskCheck')}</h4>
      <Loading state={state} />
      <div aria-live="polite">{state.kind === 'ready' && (state.data ? shown(state.data) : <p>{t('records.checklist.noKioskCheck')}</p>)}</div>
      <button type="button" onClick={reload}>
        {t('records.checklist.refresh')}
      </button>
    </div>
  );
}
