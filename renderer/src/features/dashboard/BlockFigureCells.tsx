import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount, formatMu } from '../../i18n/format.js';

/** `data-*` attributes a cell carries for tests and tools. */
export type DataAttributes = { [name: `data-${string}`]: string | number | undefined };

export interface BlockFigureCellsProps {
  parcels: number;
  remediatedMu: number;
  /** null: the row has no target ('—'). */
  targetMu: number | null;
  /** The progress cell's content: the table's own drawing of the progress, or '—'. */
  progress: ReactNode;
  progressClassName?: string;
  muAttributes?: DataAttributes;
}

/**
 * The figure columns of a block-table row (parcels, remediated mu, target mu, progress) in the
 * dashboard's formats: the dashboard's table and the briefing's printed copy of it draw them alike.
 */
export function BlockFigureCells({ parcels, remediatedMu, targetMu, progress, progressClassName = 'num', muAttributes }: BlockFigureCellsProps) {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <>
      <td className="num">{formatCount(parcels, lang)}</td>
      <td className="num" {...muAttributes}>
        {formatMu(remediatedMu)}
      </td>
      <td className="num">{targetMu === null ? '—' : formatMu(targetMu)}</td>
      <td className={progressClassName}>{progress}</td>
    </>
  );
}
