import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlannerError } from '../../../../shared/api/errors.js';

export interface EditRowProps {
  label: string;
  /** The field must be filled (e.g. the completion date of a done status): the label is marked. */
  required?: boolean;
  children: ReactNode;
}

/** One labelled field of an edit form. */
export function EditRow({ label, required = false, children }: EditRowProps) {
  return (
    <label className="edit-row">
      <span className={required ? 'edit-label edit-required' : 'edit-label'}>{label}</span>
      {children}
    </label>
  );
}

/** The `<option>`s of a settings vocabulary (statuses, methods): the stored Chinese value, or its English label. */
export function ChoiceOptions({ choices, english }: { choices: readonly { value: string; labelEn: string }[]; english: boolean }) {
  return (
    <>
      {choices.map((c) => (
        <option key={c.value} value={c.value}>
          {english ? c.labelEn : c.value}
        </option>
      ))}
    </>
  );
}

/** Why an edit was refused, in the interface language, with its code for tests and support. */
export function EditError({ error, english }: { error: PlannerError; english: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="edit-error" role="alert" data-testid="edit-error" data-code={error.code}>
      <b>{t('edit.failed')}:</b>
      {english ? error.message : error.messageZh}
    </div>
  );
}
