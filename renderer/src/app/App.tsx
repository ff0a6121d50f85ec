import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/api-context.js';
import { DashboardButton } from '../features/dashboard/DashboardButton.js';
import { DashboardView } from '../features/dashboard/DashboardView.js';
import { BriefingButton } from '../features/briefing/BriefingButton.js';
import { BriefingView } from '../features/briefing/BriefingView.js';
import { HighlightBanner } from '../features/dashboard/HighlightBanner.js';
import { useDrillDown, type DrillRequest } from '../features/dashboard/use-drill-down.js';
import { ErrorBanner } from '../features/error-banner/ErrorBanner.js';
import { ExportLayerButton } from '../features/export/ExportLayerButton.js';
import { ImportDialog } from '../features/import/ImportDialog.js';
import { useImportWizard } from '../features/import/use-import-wizard.js';
import { useWindowDrop } from '../features/import/use-window-drop.js';
import { useErrorList } from '../features/error-banner/use-error-list.js';
import { LayerPanel } from '../features/layers/LayerPanel.js';
import { ParcelFilters } from '../features/layers/ParcelFilters.js';
import { useLayerWorkspace } from '../features/layers/use-layer-workspace.js';
import { Legend } from '../features/legend/Legend.js';
import { StatusBar } from '../features/status-bar/StatusBar.js';
import { useStatusBar } from '../features/status-bar/use-status-bar.js';
import { Inspector } from '../features/parcel/Inspector.js';
import { UndoRedoButtons } from '../features/parcel/UndoRedoButtons.js';
import { useParcelTools } from '../features/parcel/use-parcel-tools.js';
import { SearchBox } from '../features/search/SearchBox.js';
import { TallyPanel } from '../features/tally/TallyPanel.js';
import { useTally } from '../features/tally/use-tally.js';
import { Toolbar } from '../features/toolbar/Toolbar.js';
import { useLocaleSwitch } from '../features/toolbar/use-locale-switch.js';
import { currentLocale } from '../i18n/i18n.js';
import { MapView } from '../map/MapView.js';
import type { MapController } from '../map/map-controller.js';
import { MapFeatureCard } from '../features/map-tools/MapFeatureCard.js';
import { MapToolsOverlay } from '../features/map-tools/MapToolsOverlay.js';
import { useMapTools } from '../features/map-tools/use-map-tools.js';
import { EditGeometryOverlay } from '../features/edit-geometry/EditGeometryOverlay.js';
import { useGeometryEditing } from '../features/edit-geometry/use-geometry-editing.js';
import type { BBox } from '../../../shared/api/geojson.js';
import type { MapHighlight } from '../features/dashboard/HighlightBanner.js';
import type { StatusDef } from '../../../shared/api/settings.js';
import { BasemapAttribution } from '../features/basemap/BasemapAttribution.js';
import { BasemapPanel } from '../features/basemap/BasemapPanel.js';
import { useBasemap } from '../features/basemap/use-basemap.js';
import { AttributeDrawer } from '../features/attribute-table/AttributeDrawer.js';
import { AttributeTableButton } from '../features/attribute-table/AttributeTableButton.js';
import { useAttributeTable } from '../features/attribute-table/use-attribute-table.js';
import { useProjectData } from './use-project-data.js';

const NO_STATUSES: readonly StatusDef[] = [];
const ignoreSelect = (): void => {};

/** The one window (DESIGN §5a): toolbar, left dock (layers, legend), map, status bar. */
export function App() {
  const api = useApi();
  const { t, i18n } = useTranslation();
  const { errors, report, dismiss } = useErrorList();
  const project = useProjectData(api, report);
  const { settings, setSettings } = project;
  const localeSwitch = useLocaleSwitch(setSettings, report);
  const tools = useParcelTools(api, project.patchLayer, report);
  const selection = tools.selection.primary;
  const clearSelection = tools.selection.clear;
  const [imports, setImports] = useState(0);
  const { reload } = project;
  const onImported = useCallback(() => {
    // The map and the tally follow an import at once, whether or not a dataChanged event arrives.
    reload();
    setImports((n) => n + 1);
  }, [reload]);
  const wizard = useImportWizard(api, onImported);
  const { openWizard } = wizard;
  const tally = useTally(api, imports, report);
  const { dragging } = useWindowDrop(openWizard);
  const [view, setView] = useState<'map' | 'dashboard' | 'briefing'>('map');
  const drillDown = useDrillDown(api, report);
  const { drill } = drillDown;
  const onDrill = useCallback((r: DrillRequest) => void drill(r).then(() => setView('map')), [drill]);

  // The project's saved language wins once its settings arrive.
  const savedLocale = settings?.locale;
  useEffect(() => {
    if (savedLocale && savedLocale !== currentLocale(i18n)) void i18n.changeLanguage(savedLocale);
  }, [savedLocale, i18n]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') clearSelection();
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'i') {
        e.preventDefault();
        openWizard();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openWizard, clearSelection]);

  const statuses = settings?.statuses ?? NO_STATUSES;
  const layers = useLayerWorkspace({
    api,
    settings,
    info: project.info,
    data: project.data,
    tally: tally.result,
    year: tally.year,
    refresh: imports,
    locale: currentLocale(i18n),
    report,
  });
  const panelState = layers.panel.state;
  const basemap = useBasemap(api, settings, { visible: !panelState.hidden.includes('basemap') });
  const statusBar = useStatusBar(project.info, project.data, selection, api);
  const attributeTable = useAttributeTable({ parcelFilter: layers.panel.state.parcelFilter, dispatch: layers.panel.dispatch });
  const [mapController, setMapController] = useState<MapController | null>(null);
  const mapTools = useMapTools(api, mapController, tools.selection.selectParcels, report);
  const { setMode: setMapToolMode } = mapTools;
  const leaveMapTool = useCallback(() => setMapToolMode('pan'), [setMapToolMode]);
  const geometryEditing = useGeometryEditing(api, mapController, tools.selection, settings, { active: mapTools.mode !== 'pan', leave: leaveMapTool });
  // A click while measuring, drawing a lasso or editing geometry is not a selection.
  const onSelect = mapTools.selectEnabled && !geometryEditing.capturesClicks ? tools.selection.select : ignoreSelect;
  const { selectParcel } = tools.selection;
  const { flyTo } = tools;
  const openParcel = useCallback((fid: number, bbox: BBox | null) => (selectParcel(fid), bbox && flyTo(bbox)), [selectParcel, flyTo]);
  const { show: showHighlight, clear: clearHighlight } = drillDown;
  const onHighlight = useCallback((h: MapHighlight | null) => (h ? showHighlight(h) : clearHighlight()), [showHighlight, clearHighlight]);

  return (
    <div className="app">
      <Toolbar
        localeSwitch={localeSwitch}
        onImport={() => openWizard()}
        views={
          <>
            <DashboardButton active={view === 'dashboard'} onToggle={() => setView((v) => (v === 'dashboard' ? 'map' : 'dashboard'))} />
            <BriefingButton active={view === 'briefing'} onToggle={() => setView((v) => (v === 'briefing' ? 'map' : 'briefing'))} />
            <AttributeTableButton
              open={view === 'map' && attributeTable.layout.open}
              onToggle={view === 'map' ? attributeTable.toggle : () => (setView('map'), attributeTable.show())}
            />
          </>
        }
        editTools={<UndoRedoButtons editing={tools.editing} />}
        search={<SearchBox api={api} onPick={tools.pickHit} report={report} />}
      />
      <ErrorBanner errors={errors} onDismiss={dismiss} />
      <div className="workspace">
        <aside className="dock dock-left" data-testid="left-dock">
          <LayerPanel
            layers={project.layers}
            panel={layers.panel}
            parcelCounts={layers.parcelCounts}
            basemap={settings?.basemap ?? null}
            basemapOpacity={{ value: basemap.opacity, set: basemap.setOpacity }}
            actions={(id, info) => (
              <ExportLayerButton
                layer={id}
                featureCount={info?.featureCount ?? 0}
                selectedFids={id === 'parcels' ? tools.selection.parcels : undefined}
                filter={id === 'parcels' ? layers.panel.state.parcelFilter : undefined}
              />
            )}
          />
          <ParcelFilters groups={layers.filterGroups} counts={layers.parcelCounts} dispatch={layers.panel.dispatch} />
          <Legend legend={layers.legend} parcelStyleLabel={t(`layers.styles.${layers.panel.state.parcelStyle}`)} />
          <BasemapPanel model={basemap} />
          <TallyPanel tally={tally} />
        </aside>
        <main className="map-area">
          <MapView
            statuses={statuses}
            data={project.data}
            visible={layers.panel.visible}
            presentation={layers.presentation}
            selection={selection}
            bbox={project.info?.bbox ?? null}
            dataReady={project.dataReady}
            tiles={project.tiles}
            onSelect={onSelect}
            multiSelection={tools.selection.multi}
            focus={tools.focus}
            highlight={drillDown.highlight?.fids}
            onController={setMapController}
            basemap={basemap.view}
          />
          <BasemapAttribution view={basemap.view} />
          <MapToolsOverlay tools={mapTools} controller={mapController} />
          <EditGeometryOverlay editing={geometryEditing} settings={settings} />
          {drillDown.highlight && <HighlightBanner highlight={drillDown.highlight} onClear={drillDown.clear} />}
        </main>
        <Inspector
          api={api}
          selection={tools.selection}
          data={project.data}
          settings={settings}
          editing={tools.editing}
          onFocus={tools.flyTo}
          report={report}
          renderFeature={(p) => (
            <MapFeatureCard
              key={`${p.layer}/${p.id}`}
              api={api}
              layer={p.layer}
              fid={p.id}
              year={tally.year}
              statuses={statuses}
              onOpenParcel={openParcel}
              onFocus={flyTo}
              onHighlight={onHighlight}
              highlightLabel={drillDown.highlight?.label ?? null}
              report={report}
            />
          )}
        />
        <DashboardView active={view === 'dashboard'} isSample={project.info?.isSample ?? false} onBack={() => setView('map')} onDrill={onDrill} report={report} />
        <BriefingView active={view === 'briefing'} onBack={() => setView('map')} report={report} />
      </div>
      {view === 'map' && attributeTable.layout.open && (
        <AttributeDrawer
          api={api}
          model={attributeTable}
          layers={project.layers}
          filterGroups={layers.filterGroups}
          selection={tools.selection}
          flyTo={tools.flyTo}
          report={report}
        />
      )}
      <StatusBar model={statusBar} loading={project.loading} />
      {wizard.open && <ImportDialog wizard={wizard} dragging={dragging} />}
      {dragging && !wizard.open && (
        <div className="drop-overlay" data-testid="drop-overlay">
          <div className="drop-overlay-box">{t('importer.windowDrop')}</div>
        </div>
      )}
    </div>
  );
}
