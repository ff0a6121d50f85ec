import type { OnInvalid } from './use-import-wizard.js';

export interface OnInvalidChoiceProps<C extends OnInvalid> {
  /** The choices this kind of import offers, in order. */
  choices: readonly C[];
  value: OnInvalid | null;
  disabled: boolean;
  legend: string;
  label: (choice: C) => string;
  onChoose: (choice: OnInvalid) => void;
}

/** The user's decision about what an import does with invalid features or rows. */
export function OnInvalidChoice<C extends OnInvalid>({ choices, value, disabled, legend, label, onChoose }: OnInvalidChoiceProps<C>) {
  return (
    <fieldset className="invalid-choice" data-testid="import-on-invalid" disabled={disabled}>
      <legend>{legend}</legend>
      {choices.map((c) => (
        <label key={c} className="radio">
          <input
            type="radio"
            name="on-invalid"
            value={c}
            data-testid={`import-on-invalid-${c}`}
            checked={value === c}
            onChange={() => onChoose(c)}
          />
          {label(c)}
        </label>
      ))}
    </fieldset>
  );
}
