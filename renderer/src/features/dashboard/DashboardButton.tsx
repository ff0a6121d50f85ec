import { useTranslation } from 'react-i18next';

/** 仪表盘 in the toolbar: switches the main area between the map and the dashboard. */
export function DashboardButton({ active, onToggle }: { active: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className={active ? 'tool-button active' : 'tool-button'}
      data-testid="dashboard-button"
      aria-pressed={active}
      onClick={onToggle}
      title={t('dashboard.buttonTitle')}
    >
      <span className="tool-icon icon-dashboard" aria-hidden="true" />
      {t('dashboard.button')}
    </button>
  );
}
