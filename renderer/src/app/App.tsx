import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/api-context.js';
import { DashboardButton } from '../features/dashboard/DashboardButton.js';
import { DashboardView } from '../features/dashboard/DashboardView.js';
import { HighlightBanner } from '../features/dashboard/HighlightBanner.js';
import { useDrillDown, type DrillRequest } from '../features/dashboard/use-drill-down.js';
import { ErrorBanner } from '../features/error-banner/ErrorBanner.js';
import { ImportDialog } from '../features/import/ImportDialog.js';
import { useImportWizard } from '../features/import/use-import-wizard.js';
import { useWindowDrop } from '../features/import/use-window-drop.js';
import { useErrorList } from '../features/error-banner/use-error-list.js';
import { LayerPanel } from '../features/layers/LayerPanel.js';
import { useLayerVisibility } from '../features/layers/use-layer-visibility.js';
import { Legend } from '../features/legend/Legend.js';
import { useLegend } from '../features/legend/use-legend.js';
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
import type { StatusDef } from '../../../shared/api/settings.js';
import { useProjectData } from './use-project-data.js';

const NO_STATUSES: readonly StatusDef[] = [];

/** The one window (DESIGN §5a): toolbar, left dock (layers, legend), map, status bar. */
export function App() {
  const api = useApi();
  const { t, i18n } = useTranslation();
  const { errors, report, dismiss } = useErrorList();
  const project = useProjectData(api, report);
  const { settings, setSettings } = project;
  const localeSwitch = useLocaleSwitch(setSettings, report);
  const layerVisibility = useLayerVisibility();
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
  const tally = useTally(api, project.data.parcels, imports, report);
  const { dragging } = useWindowDrop(openWizard);
  const [view, setView] = useState<'map' | 'dashboard'>('map');
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
  const legend = useLegend(statuses, project.data.parcels, currentLocale(i18n));
  const statusBar = useStatusBar(project.info, project.data, selection);
  const onSelect = tools.selection.select;

  return (
    <div className="app">
      <Toolbar
        localeSwitch={localeSwitch}
        onImport={() => openWizard()}
        views={<DashboardButton active={view === 'dashboard'} onToggle={() => setView((v) => (v === 'map' ? 'dashboard' : 'map'))} />}
        editTools={<UndoRedoButtons editing={tools.editing} />}
        search={<SearchBox api={api} onPick={tools.pickHit} report={report} />}
      />
      <ErrorBanner errors={errors} onDismiss={dismiss} />
      <div className="workspace">
        <aside className="dock dock-left" data-testid="left-dock">
          <LayerPanel layers={project.layers} visible={layerVisibility.visible} onToggle={layerVisibility.toggle} />
          <Legend legend={legend} />
          <TallyPanel tally={tally} />
        </aside>
        <main className="map-area">
          <MapView
            statuses={statuses}
            data={project.data}
            visible={layerVisibility.visible}
            selection={selection}
            bbox={project.info?.bbox ?? null}
            dataReady={project.dataReady}
            onSelect={onSelect}
            multiSelection={tools.selection.multi}
            focus={tools.focus}
            highlight={drillDown.highlight?.fids}
          />
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
        />
        <DashboardView active={view === 'dashboard'} isSample={project.info?.isSample ?? false} onBack={() => setView('map')} onDrill={onDrill} report={report} />
      </div>
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
