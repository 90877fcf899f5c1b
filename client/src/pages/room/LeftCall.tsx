import { useTranslation } from 'react-i18next';

export function LeftCall({ onRejoin }: { onRejoin: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="notice" aria-labelledby="left-title">
      <span className="notice-icon" aria-hidden="true">👋</span>
      <h1 id="left-title">{t('left.title')}</h1>
      <p>{t('left.body')}</p>
      <button type="button" className="primary big" onClick={onRejoin}>
        {t('left.rejoin')}
      </button>
    </section>
  );
}
