import { useTranslation } from 'react-i18next';
import { ToggleToolButton } from '../toolbar/ToggleToolButton.js';

/** 仪表盘 in the toolbar: switches the main area between the map and the dashboard. */
export function DashboardButton({ active, onToggle }: { active: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  return (
    <ToggleToolButton
      active={active}
      onToggle={onToggle}
      label={t('dashboard.button')}
      title={t('dashboard.buttonTitle')}
      icon="icon-dashboard"
      testId="dashboard-button"
    />
  );
}
