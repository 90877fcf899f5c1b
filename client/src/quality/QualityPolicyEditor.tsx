import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StoredQualityPolicySchema, type QualityMode, type QualityPolicy, type StoredQualityPolicy } from '@kanava/shared';
import { api } from '../auth/api.ts';
import { Field, SaveMessage, useFormatTime, useSave } from '../pages/admin/ui.tsx';
import './quality.css';

/** Whose policy is edited: the platform's default, or one service's own. */
export type PolicyTarget = { kind: 'platform' } | { kind: 'service'; serviceId: string; serviceName: string };

const urlOf = (target: PolicyTarget) =>
  target.kind === 'platform' ? '/api/quality/policy' : `/api/registry/services/${encodeURIComponent(target.serviceId)}/quality-policy`;

const NUMBER_FIELDS = [
  ['network', 'minUpKbps'],
  ['network', 'recommendedUpKbps'],
  ['network', 'minDownKbps'],
  ['network', 'recommendedDownKbps'],
  ['camera', 'minWidth'],
  ['camera', 'minHeight'],
  ['camera', 'minFrameRate'],
] as const;
type NumberField = (typeof NUMBER_FIELDS)[number][1];
type Draft = { mode: QualityMode } & Record<NumberField, string>;

function draftOf(p: QualityPolicy): Draft {
  return {
    mode: p.mode,
    minUpKbps: String(p.network.minUpKbps),
    recommendedUpKbps: String(p.network.recommendedUpKbps),
    minDownKbps: String(p.network.minDownKbps),
    recommendedDownKbps: String(p.network.recommendedDownKbps),
    minWidth: String(p.camera.minWidth),
    minHeight: String(p.camera.minHeight),
    minFrameRate: String(p.camera.minFrameRate),
  };
}

/** What is sent; a field left empty or not a number goes as typed, and the server names it. */
function bodyOf(d: Draft) {
  const n = (v: string) => (v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v);
  return {
    mode: d.mode,
    network: { minUpKbps: n(d.minUpKbps), recommendedUpKbps: n(d.recommendedUpKbps), minDownKbps: n(d.minDownKbps), recommendedDownKbps: n(d.recommendedDownKbps) },
    camera: { minWidth: n(d.minWidth), minHeight: n(d.minHeight), minFrameRate: n(d.minFrameRate) },
  };
}

/**
 * The quality policy of the platform or of one service: mode (off / warn / block) and the
 * minimum and recommended figures. A service without its own shows the default it inherits;
 * saving gives it its own, "use the default" removes it. The server validates and audits.
 */
export function QualityPolicyEditor({ target }: { target: PolicyTarget }) {
  const { t } = useTranslation();
  const formatTime = useFormatTime();
  const titleId = useId();
  const modeName = useId();
  const [stored, setStored] = useState<StoredQualityPolicy | 'loading' | 'failed'>('loading');
  const [draft, setDraft] = useState<Draft | undefined>();
  const save = useSave();
  const url = urlOf(target);

  useEffect(() => {
    let cancelled = false;
    void api('GET', url, StoredQualityPolicySchema).then((r) => {
      if (cancelled) return;
      setStored(r.ok ? r.data : 'failed');
      if (r.ok) setDraft(draftOf(r.data.policy));
    });
    return () => {
      cancelled = true;
    };
  }, [url]);

  const apply = (result: StoredQualityPolicy | undefined) => {
    if (!result) return;
    setStored(result);
    setDraft(draftOf(result.policy));
  };

  const title = target.kind === 'platform' ? t('quality.policy.platformTitle') : t('quality.policy.serviceTitle', { name: target.serviceName });
  if (stored === 'loading' || !draft) {
    return stored === 'failed' ? <p role="alert" className="error">{t('admin.loadFailed')}</p> : <p role="status">{t('admin.loading')}</p>;
  }
  if (stored === 'failed') return <p role="alert" className="error">{t('admin.loadFailed')}</p>;
  const set = (key: keyof Draft) => (value: string) => setDraft({ ...draft, [key]: value } as Draft);
  const idOf = (key: string) => `${titleId}-${key}`;
  const errorOf = (group: string, key: string) => save.fieldError(`${group}.${key}`);
  const labels: Record<string, string> = { mode: t('quality.policy.mode'), network: t('quality.policy.network'), camera: t('quality.policy.camera') };

  return (
    <section className="section quality-policy" aria-labelledby={titleId}>
      <h3 id={titleId}>{title}</h3>
      <p className="help" data-source={stored.source}>
        {t(`quality.policy.source.${stored.source}`)}
        {stored.updatedAt && ` ${t('quality.policy.updated', { when: formatTime(stored.updatedAt), by: stored.updatedBy ?? '' })}`}
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save.run(() => api('PUT', url, StoredQualityPolicySchema, bodyOf(draft)), t('admin.saved')).then(apply);
        }}
      >
        <fieldset>
          <legend>{t('quality.policy.mode')}</legend>
          {(['off', 'warn', 'block'] as const).map((mode) => (
            <div key={mode} className="radio-row">
              <input type="radio" id={idOf(`mode-${mode}`)} name={modeName} value={mode} checked={draft.mode === mode} onChange={() => set('mode')(mode)} aria-describedby={idOf(`mode-${mode}-help`)} />
              <label htmlFor={idOf(`mode-${mode}`)}>{t(`quality.policy.modes.${mode}`)}</label>
              <p id={idOf(`mode-${mode}-help`)} className="help">
                {t(`quality.policy.modeHelp.${mode}`)}
              </p>
            </div>
          ))}
        </fieldset>
        <div className="grid-2">
          {NUMBER_FIELDS.map(([group, key]) => (
            <Field key={key} id={idOf(key)} label={t(`quality.policy.field.${key}`)} type="number" value={draft[key]} onChange={set(key)} error={errorOf(group, key)} required />
          ))}
        </div>
        <div className="toolbar-row">
          <button type="submit" className="primary">
            {t('quality.policy.save')}
          </button>
          {target.kind === 'service' && stored.source === 'service' && (
            <button type="button" onClick={() => void save.run(() => api('DELETE', url, StoredQualityPolicySchema), t('quality.policy.removed')).then(apply)}>
              {t('quality.policy.useDefault')}
            </button>
          )}
        </div>
        <SaveMessage state={save.state} labels={labels} />
      </form>
    </section>
  );
}
