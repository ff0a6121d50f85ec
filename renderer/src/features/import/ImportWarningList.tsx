import type { ImportPreview } from '../../../../shared/api/import.js';

export interface ImportWarningListProps {
  warnings: ImportPreview['warnings'];
  english: boolean;
}

/** The preview's warnings in the interface language, each once with its count; nothing when there are none. */
export function ImportWarningList({ warnings, english }: ImportWarningListProps) {
  if (warnings.length === 0) return null;
  return (
    <ul className="warning-list" data-testid="import-warnings">
      {warnings.map((w) => (
        <li key={w.code + w.message}>
          {english ? w.message : w.messageZh}
          {w.count > 1 && <span className="muted"> ×{w.count}</span>}
        </li>
      ))}
    </ul>
  );
}
