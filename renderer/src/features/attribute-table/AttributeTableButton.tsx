import { useTranslation } from 'react-i18next';
import { ToggleToolButton } from '../toolbar/ToggleToolButton.js';

/** 属性表 in the toolbar: opens and closes the bottom drawer. */
export function AttributeTableButton({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  return (
    <ToggleToolButton
      active={open}
      onToggle={onToggle}
      label={t('attributeTable.button')}
      title={t('attributeTable.buttonTitle')}
      icon="icon-attribute-table"
      testId="attribute-table-button"
    />
  );
}
