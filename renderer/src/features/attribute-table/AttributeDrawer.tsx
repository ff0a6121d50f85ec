import '../../styles/attribute-table.css';
import { useCallback, useEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTRIBUTE_COLUMNS, type AttributeRow } from '../../../../shared/api/attribute-table.js';
import type { BBox } from '../../../../shared/api/geojson.js';
import { LAYER_IDS, LAYER_LABELS, type LayerInfo } from '../../../../shared/api/layers.js';
import type { ApiClient } from '../../api/planner-bridge.js';
import type { FilterGroup } from '../layers/filter-options.js';
import type { SelectionModel } from '../parcel/use-selection.js';
import { AttributeFilterBar } from './AttributeFilterBar.js';
import { AttributeGrid, type ScrollRequest } from './AttributeGrid.js';
import { useAttributePages } from './use-attribute-pages.js';
import type { AttributeTableModel } from './use-attribute-table.js';
import { useTableExport } from './use-table-export.js';

export interface AttributeDrawerProps {
  api: ApiClient;
  model: AttributeTableModel;
  layers: readonly LayerInfo[];
  filterGroups: readonly FilterGroup[];
  selection: SelectionModel;
  flyTo(bbox: BBox): void;
  report(err: unknown): void;
}

/**
 * 属性表, the bottom drawer (DESIGN §5a): a layer's rows from the core, sorted and filtered there,
 * virtualized here; selection synced both ways with the map — a row click selects the feature and
 * flies to it, a feature selected on the map scrolls its row into view, highlighted. Exports the
 * filtered rows (CSV, Excel) in the table's order.
 */
export function AttributeDrawer({ api, model, layers, filterGroups, selection, flyTo, report }: AttributeDrawerProps) {
  const { t, i18n } = useTranslation();
  const { query } = model;
  const layer = query.layer;
  const columns = ATTRIBUTE_COLUMNS[layer];
  const pages = useAttributePages(api, query, report);
  const tableExport = useTableExport(api, query, report);
  const en = i18n.language === 'en';
  const format = new Intl.NumberFormat(i18n.language);
  const layerCount = layers.find((l) => l.id === layer)?.featureCount ?? null;
  const resetKey = JSON.stringify([layer, query.filter ?? null, query.text ?? '', query.sort ?? null]);

  const primaryFid = selection.primary?.layer === layer ? selection.primary.id : null;
  const selected = useMemo(() => {
    const set = new Set<number>();
    if (layer === 'parcels') for (const fid of selection.parcels) set.add(fid);
    if (primaryFid !== null) set.add(primaryFid);
    return set;
  }, [layer, selection.parcels, primaryFid]);

  const [activeIndex, setActiveIndex] = useState<number | null>(null);
  const [scrollRequest, setScrollRequest] = useState<ScrollRequest | null>(null);
  // The row a click in the table chose: its own selection needs no look-up.
  const clicked = useRef<number | null>(null);
  useEffect(() => setActiveIndex(null), [resetKey]);

  // Selected on the map (or by search, a card's link…): find its row under this sort and filter, scroll to it.
  const { locate } = pages;
  useEffect(() => {
    if (primaryFid === null) return undefined;
    if (clicked.current === primaryFid) {
      clicked.current = null;
      return undefined;
    }
    let live = true;
    locate(primaryFid).then((index) => {
      if (!live || index === null) return;
      setActiveIndex(index);
      setScrollRequest({ index });
    }, report);
    return () => {
      live = false;
    };
  }, [primaryFid, locate, report]);

  const onRowClick = useCallback(
    (row: AttributeRow, index: number, additive: boolean) => {
      // Only a change of selection runs the look-up effect (and consumes this mark).
      clicked.current = row.fid === primaryFid ? null : row.fid;
      setActiveIndex(index);
      setScrollRequest({ index });
      if (layer === 'parcels' && !additive) selection.selectParcel(row.fid);
      else selection.select({ layer, id: row.fid }, { additive });
      if (!additive && row.bbox) flyTo(row.bbox);
    },
    [layer, selection, flyTo, primaryFid],
  );

  const onResizeStart = (e: PointerEvent<HTMLDivElement>): void => {
    const startY = e.clientY;
    const startHeight = model.layout.height;
    const handle = e.currentTarget;
    handle.setPointerCapture(e.pointerId);
    const move = (ev: globalThis.PointerEvent): void => model.resize(startHeight + (startY - ev.clientY));
    const end = (): void => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', end);
      handle.removeEventListener('pointercancel', end);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', end);
    handle.addEventListener('pointercancel', end);
  };

  const total = pages.total;
  const count =
    total === null || pages.loading
      ? t('attributeTable.loading')
      : layerCount !== null && total !== layerCount
        ? t('attributeTable.rowsFiltered', { count: format.format(total), total: format.format(layerCount) })
        : t('attributeTable.rows', { count: format.format(total) });

  return (
    <section className="attribute-drawer" data-testid="attribute-drawer" data-layer={layer} style={{ height: model.layout.height }} aria-label={t('attributeTable.title')}>
      <div
        className="at-resize"
        role="separator"
        aria-orientation="horizontal"
        aria-label={t('attributeTable.resize')}
        title={t('attributeTable.resize')}
        data-testid="attribute-resize"
        onPointerDown={onResizeStart}
      />
      <div className="at-bar">
        <div className="at-bar-row">
          <h2 className="at-title">{t('attributeTable.title')}</h2>
          <select className="at-layer" data-testid="attribute-layer" aria-label={t('attributeTable.layer')} value={layer} onChange={(e) => model.setLayer(e.target.value as typeof layer)}>
            {LAYER_IDS.map((id) => {
              const n = layers.find((l) => l.id === id)?.featureCount;
              return (
                <option key={id} value={id}>
                  {en ? LAYER_LABELS[id].en : LAYER_LABELS[id].zh}
                  {n === undefined ? '' : en ? ` (${format.format(n)})` : `(${format.format(n)})`}
                </option>
              );
            })}
          </select>
          <span className="at-count" data-testid="attribute-count" data-total={pages.loading ? '' : (total ?? '')}>
            {count}
          </span>
          <span className="toolbar-spacer" />
          {(['csv', 'xlsx'] as const).map((f) => (
            <button
              key={f}
              type="button"
              className="tool-button at-export"
              data-testid={`attribute-export-${f}`}
              disabled={tableExport.busy !== null || !total}
              title={t('attributeTable.exportTitle', { count: format.format(total ?? 0) })}
              onClick={() => tableExport.run(f)}
            >
              {tableExport.busy === f ? t('attributeTable.exporting') : t(f === 'csv' ? 'attributeTable.exportCsv' : 'attributeTable.exportXlsx')}
            </button>
          ))}
          <button type="button" className="icon-button" data-testid="attribute-close" onClick={model.close} title={t('attributeTable.close')} aria-label={t('attributeTable.close')}>
            ×
          </button>
        </div>
        <AttributeFilterBar
          layer={layer}
          filter={query.filter}
          groups={filterGroups}
          text={query.text ?? ''}
          onText={model.setText}
          onFilter={model.setFilter}
          onClear={model.clearFilters}
        />
      </div>
      <AttributeGrid
        columns={columns}
        pages={pages}
        selected={selected}
        activeIndex={activeIndex}
        sort={query.sort}
        onSort={model.sortBy}
        onRowClick={onRowClick}
        scrollRequest={scrollRequest}
        resetKey={resetKey}
      />
    </section>
  );
}
