import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChecklistStep, ChecklistStepName } from '@kanava/shared';
import { recordsApi } from './recordsApi.ts';
import { Field, Loading, SaveMessage, useFormatTime, useLoad, useSave } from './ui.tsx';

/** The new-point checklist: each step in order, who did it and when, and the next step's form. */
export function ChecklistPanel({ pointId, onChange }: { pointId: string; onChange: () => void }) {
  const { t } = useTranslation();
  const formatTime = useFormatTime();
  const { state, reload } = useLoad(() => recordsApi.checklist(pointId), [pointId]);
  const save = useSave();
  const [measured, setMeasured] = useState({ uplinkKbps: '', downlinkKbps: '', cameraHeight: '', cameraFps: '', notes: '' });
  const [training, setTraining] = useState('');

  async function complete(step: ChecklistStepName) {
    const body =
      step === 'equipmentTest'
        ? {
            step,
            result: {
              uplinkKbps: Number(measured.uplinkKbps),
              downlinkKbps: Number(measured.downlinkKbps),
              cameraHeight: Number(measured.cameraHeight),
              cameraFps: Number(measured.cameraFps),
              notes: measured.notes,
            },
          }
        : step === 'training'
          ? { step, record: { notes: training } }
          : { step };
    const done = await save.run(() => recordsApi.completeStep(pointId, body), t('admin.saved'));
    if (done) {
      reload();
      onChange();
    }
  }

  const details = (s: ChecklistStep) => {
    const d = s.done?.details ?? {};
    if (s.step === 'providersNotified' && Array.isArray(d['recipients'])) return t('records.checklist.recipients', { list: d['recipients'].join(', ') });
    if (s.step === 'equipmentTest' && typeof d['uplinkKbps'] === 'number') {
      return t('records.checklist.measured', { up: d['uplinkKbps'], down: d['downlinkKbps'], height: d['cameraHeight'], fps: d['cameraFps'] });
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
                  <div className="grid-2">
                    {(['uplinkKbps', 'downlinkKbps', 'cameraHeight', 'cameraFps'] as const).map((k) => (
                      <Field
                        key={k}
                        id={`check-${k}`}
                        type="number"
                        label={t(`records.checklist.${k === 'uplinkKbps' ? 'uplink' : k === 'downlinkKbps' ? 'downlink' : k}`)}
                        value={measured[k]}
                        onChange={(v) => setMeasured((m) => ({ ...m, [k]: v }))}
                        error={save.fieldError(`result.${k}`)}
                      />
                    ))}
                    <Field id="check-notes" label={t('records.checklist.notes')} value={measured.notes} onChange={(v) => setMeasured((m) => ({ ...m, notes: v }))} />
                  </div>
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
