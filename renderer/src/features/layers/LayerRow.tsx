import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PanelLayerId } from '../../../../shared/api/map-panel.js';

export interface LayerRowProps {
  id: PanelLayerId;
  label: string;
  swatch: { kind: string; color: string };
  visible: boolean;
  /** 0…1 */
  opacity: number;
  /** Shown at the right: the feature count (or filtered / total). */
  count?: ReactNode;
  countTitle?: string;
  /** Absent for the basemap, which always stays lowest. */
  onMove?: (step: -1 | 1) => void;
  canMoveUp?: boolean;
  canMoveDown?: boolean;
  disabled?: boolean;
  onToggle: () => void;
  onOpacity: (value: number) => void;
  /** Extra controls under the row (parcel styling) and beside it (export). */
  children?: ReactNode;
  actions?: ReactNode;
}

/** One row of the layer panel: show/hide, name, count (and actions); under it opacity and order. */
export function LayerRow(props: LayerRowProps) {
  const { t } = useTranslation();
  const { id, label, swatch, visible, opacity, disabled = false } = props;
  const percent = Math.round(opacity * 100);
  return (
    <li className={visible ? 'layer-item' : 'layer-item layer-hidden'} data-testid="layer-item" data-layer={id}>
      <div className="layer-row">
        <label className="layer-label" title={t('layers.show', { layer: label })}>
          <input type="checkbox" data-testid="layer-toggle" data-layer={id} checked={visible} disabled={disabled} onChange={props.onToggle} />
          <span className={`swatch swatch-${swatch.kind}`} style={{ '--swatch': swatch.color } as CSSProperties} />
          <span className="layer-name">{label}</span>
          {props.count !== undefined && (
            <span className="layer-count" data-testid="layer-count" data-layer={id} title={props.countTitle}>
              {props.count}
            </span>
          )}
        </label>
        {props.actions}
      </div>
      {!disabled && (
        <div className="layer-opacity">
          <input
            type="range"
            min={0}
            max={100}
            step={5}
            value={percent}
            data-testid="layer-opacity"
            data-layer={id}
            aria-label={t('layers.opacity', { layer: label })}
            title={t('layers.opacity', { layer: label })}
            onChange={(e) => props.onOpacity(Number(e.target.value) / 100)}
          />
          <span className="layer-opacity-value">{percent}%</span>
          {props.onMove && (
            <span className="layer-move">
              <button
                type="button"
                className="icon-button"
                data-testid="layer-up"
                data-layer={id}
                title={t('layers.moveUp')}
                aria-label={`${t('layers.moveUp')}: ${label}`}
                disabled={!props.canMoveUp}
                onClick={() => props.onMove?.(-1)}
              >
                ▲
              </button>
              <button
                type="button"
                className="icon-button"
                data-testid="layer-down"
                data-layer={id}
                title={t('layers.moveDown')}
                aria-label={`${t('layers.moveDown')}: ${label}`}
                disabled={!props.canMoveDown}
                onClick={() => props.onMove?.(1)}
              >
                ▼
              </button>
            </span>
          )}
        </div>
      )}
      {props.children}
    </li>
  );
}
