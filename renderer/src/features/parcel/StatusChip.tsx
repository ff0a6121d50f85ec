import type { StatusDef } from '../../../../shared/api/settings.js';

const FALLBACK = '#b0b0b0';

export interface StatusChipProps {
  status: string | null;
  statuses: readonly StatusDef[];
  english: boolean;
}

/** A parcel's status in its map colour, labelled in the interface language. */
export function StatusChip({ status, statuses, english }: StatusChipProps) {
  if (!status) return <span className="status-chip status-chip-empty">—</span>;
  const def = statuses.find((s) => s.value === status);
  const label = english && def ? def.labelEn : status;
  return (
    <span className="status-chip" data-testid="status-chip" data-status={status} style={{ ['--chip' as string]: def?.color ?? FALLBACK }}>
      <span className="status-chip-dot" aria-hidden="true" />
      {label}
    </span>
  );
}
