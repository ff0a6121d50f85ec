import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BBox, FeatureCollection } from '../../../../shared/api/geojson.js';
import type { LayerId } from '../../../../shared/api/layers.js';
import type { Settings } from '../../../../shared/api/settings.js';
import type { ApiClient } from '../../api/planner-bridge.js';
import { BulkCard } from './BulkCard.js';
import { ParcelCardView } from './ParcelCardView.js';
import { useParcelCard } from './use-parcel-card.js';
import type { Editing } from './use-editing.js';
import type { SelectionModel } from './use-selection.js';
import { geometryBBox } from './card-format.js';

export interface InspectorProps {
  api: ApiClient;
  selection: SelectionModel;
  data: Partial<Record<LayerId, FeatureCollection>>;
  settings: Settings | null;
  editing: Editing;
  /** Moves the map to a feature. */
  onFocus: (bbox: BBox) => void;
  report: (err: unknown) => void;
  /** The card of a feature other than a parcel (block, zone, platform, line, project), from the core (map-tools). */
  renderFeature: (selection: { layer: LayerId; id: number }) => ReactNode;
}

/** The right dock (DESIGN §5a): the card of what is selected — parcel, several parcels, block or other feature. */
export function Inspector({ api, selection, data, settings, editing, onFocus, report, renderFeature }: InspectorProps) {
  const { t } = useTranslation();
  const { primary, parcels } = selection;
  const bulk = parcels.length > 1;
  const parcelFid = !bulk && primary?.layer === 'parcels' ? primary.id : null;
  const { card, loading } = useParcelCard(api, parcelFid, report);

  const openBlock = (code: string): void => {
    const f = data.key_blocks?.features.find((x) => x.properties['code'] === code);
    if (!f) return;
    selection.select({ layer: 'key_blocks', id: f.id });
    const bbox = geometryBBox(f.geometry);
    if (bbox) onFocus(bbox);
  };

  let body;
  if (!primary && !bulk) {
    body = (
      <div className="inspector-empty">
        <p>{t('inspector.empty')}</p>
        <p className="muted">{t('inspector.emptyHint')}</p>
      </div>
    );
  } else if (!settings) {
    body = <p className="inspector-loading">{t('inspector.loading')}</p>;
  } else if (bulk) {
    body = <BulkCard fids={parcels} api={api} settings={settings} apply={editing.apply} onRemove={selection.deselectParcel} />;
  } else if (parcelFid !== null) {
    body = card ? (
      <ParcelCardView card={card} settings={settings} apply={editing.apply} onOpenBlock={openBlock} />
    ) : (
      <p className="inspector-loading">{loading ? t('inspector.loading') : ''}</p>
    );
  } else if (primary) {
    body = renderFeature(primary);
  }

  return (
    <aside className="dock dock-right inspector" data-testid="inspector" aria-label={t('inspector.title')}>
      <div className="inspector-bar">
        <span className="panel-title inspector-title">{t('inspector.title')}</span>
        {(primary || bulk) && (
          <button type="button" className="icon-button" data-testid="inspector-close" onClick={selection.clear} title={t('inspector.close')} aria-label={t('inspector.close')}>
            ×
          </button>
        )}
      </div>
      <div className="inspector-body">{body}</div>
    </aside>
  );
}
