export interface ToggleToolButtonProps {
  active: boolean;
  onToggle: () => void;
  /** The button's text and its tooltip. */
  label: string;
  title: string;
  /** The icon's class (`icon-…`, drawn in CSS). */
  icon: string;
  testId: string;
}

/** A toolbar button that switches something on and off (a view, a drawer): pressed while on. */
export function ToggleToolButton({ active, onToggle, label, title, icon, testId }: ToggleToolButtonProps) {
  return (
    <button type="button" className={active ? 'tool-button active' : 'tool-button'} data-testid={testId} aria-pressed={active} onClick={onToggle} title={title}>
      <span className={`tool-icon ${icon}`} aria-hidden="true" />
      {label}
    </button>
  );
}
