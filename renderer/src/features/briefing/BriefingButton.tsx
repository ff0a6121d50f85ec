import { useTranslation } from 'react-i18next';

/** 简报 in the toolbar: switches the main area between the map and the briefing view. */
export function BriefingButton({ active, onToggle }: { active: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className={active ? 'tool-button active' : 'tool-button'}
      data-testid="briefing-button"
      aria-pressed={active}
      onClick={onToggle}
      title={t('briefing.buttonTitle')}
    >
      <span className="tool-icon icon-briefing" aria-hidden="true" />
      {t('briefing.button')}
    </button>
  );
}
