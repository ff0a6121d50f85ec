import { randomUUID } from 'node:crypto';
import { bindContract, type Api, type EventListener, type Handlers } from '../../shared/api/contract.js';
import { toErrorPayload } from '../../shared/api/errors.js';
import { isLedgerLayer, type UploadResult } from '../../shared/api/import.js';
import { localIsoDate } from '../../shared/domain/goals.js';
import { dashboardReport } from './dashboard/dashboard.js';
import { tallyParcels } from './dashboard/drill.js';
import { exportDashboardFile } from './dashboard/export.js';
import { exportLayerFile } from './export/export-layer.js';
import { goalsReport, setGoal } from './goals/report.js';
import type { JobOptions } from './import/worker-protocol.js';
import { UploadStaging } from './import/staging.js';
import { ImportTasks } from './import/tasks.js';
import type { Project } from './project/project.js';
import { editHandlers } from './edit/handlers.js';
import { geometryHandlers } from './edit/geometry-handlers.js';
import { briefingHandlers } from './briefing/handlers.js';
import type { BriefingRenderer } from './briefing/renderer.js';
import { BriefingTasks, type BriefingFile } from './briefing/tasks.js';
import { BasemapService } from './basemap/basemap-service.js';
import { basemapHandlers, checkedBasemap } from './basemap/handlers.js';
import { mapToolHandlers } from './map-tools/handlers.js';
import { parcelFacets } from './layers/parcel-facets.js';
import { qualityReport } from './tally/quality.js';
import { tallyRemediated } from './tally/tally.js';
import { tileHandlers } from './tiles/handlers.js';
import { attributeTableHandlers } from './attribute-table/handlers.js';
import { TileService } from './tiles/tile-service.js';

/** The core as the bridges hold it: the contract plus the binary upload side channel. */
export interface Core extends Api {
  stageUpload(uploadId: string, name: string, bytes: Uint8Array): UploadResult;
  /** The basemap file's tiles (the tile route) and the network origins the CSP must allow. */
  readonly basemaps: BasemapService;
  /** The layers' vector tiles (the /tiles/ route); dropped before every dataChanged goes out. */
  readonly tiles: TileService;
  /** A finished briefing file by id (the briefing file route), null once expired. */
  briefingFile(fileId: string): BriefingFile | null;
  dispose(): Promise<void>;
}

export interface CoreOptions {
  /** Prints briefings: Chromium in browser mode and the CLI, printToPDF in Electron; none = briefingStart fails. */
  briefing?: BriefingRenderer;
}

function importOptions(req: Parameters<Handlers['importStart']>[0]): JobOptions {
  if (isLedgerLayer(req.layer)) return { layer: req.layer, encoding: req.encoding ?? null, sheet: req.sheet ?? null, map: req.map ?? {}, onInvalid: req.onInvalid };
  return {
    layer: req.layer,
    encoding: req.encoding ?? null,
    crs: req.crs ?? null,
    map: req.map ?? {},
    onInvalid: req.onInvalid,
  };
}

/**
 * The backend behind the contract. Both bridges (Electron IPC, browser-mode HTTP) call this
 * object after parsing input with the contract's schemas (and parses again itself, so a direct
 * caller is as safe as a bridge); `satisfies Handlers` makes a missing or mistyped method a
 * compile error. Imports and previews run in worker threads (ImportTasks).
 */
export function createCore(project: Project, announce: EventListener = () => {}, options: CoreOptions = {}): Core {
  // Every event goes out through the tile service: a change drops the cached tiles it touches first.
  const tiles = new TileService(project.db, { projectPath: project.path });
  const emit = tiles.forwarding((name, payload) => {
    briefings.observe(name);
    announce(name, payload);
  });
  const staging = new UploadStaging();
  const tasks = new ImportTasks(project.path);
  const basemaps = new BasemapService(() => project.getSettings().basemap);
  // Briefings see every event (a data change drops their warm page) and send progress through the same door.
  const briefings = new BriefingTasks(options.briefing ?? null, (name, payload) => emit(name, payload));

  const handlers = {
    projectInfo: async () => project.info(),
    listLayers: async () => project.listLayers(),
    layerFeatures: async ({ layer, bbox }) => project.features(layer, bbox),
    parcelFacets: async () => parcelFacets(project.db),
    getSettings: async () => project.getSettings(),
    updateSettings: async (patch) => {
      // A basemap file is checked (and named in the error) before anything is stored.
      const basemap = patch.basemap ? await checkedBasemap(basemaps, patch.basemap) : undefined;
      const next = project.updateSettings(basemap ? { ...patch, basemap } : patch);
      emit('dataChanged', { layers: [] });
      return next;
    },
    importPreview: async (req) => {
      const taskId = randomUUID();
      return tasks.run('check', staging.paths(req.uploadId), importOptions(req), (done, total) => emit('progress', { taskId, phase: 'check', done, total }), taskId);
    },
    importStart: async (req) => {
      const taskId = randomUUID();
      const paths = staging.paths(req.uploadId);
      const running = tasks.run('import', paths, importOptions(req), (done, total) => emit('progress', { taskId, phase: 'import', done, total }), taskId);
      running
        .then((report) => {
          emit('importFinished', { taskId, ok: true, report });
          // A ledger (transfers, factories) is not a map layer: [] = "figures changed, refresh".
          emit('dataChanged', { layers: isLedgerLayer(report.layer) ? [] : report.layer === 'parcels' ? ['parcels'] : [report.layer, 'parcels'] });
        })
        .catch((err: unknown) => emit('importFinished', { taskId, ok: false, error: toErrorPayload(err) }));
      return { taskId };
    },
    importCancel: async ({ taskId }) => ({ cancelled: tasks.cancel(taskId) }),
    tally: async ({ year, by }) => tallyRemediated(project.db, project.getSettings(), year, by),
    quality: async () => qualityReport(project.db),
    ...editHandlers(project, emit),
    ...geometryHandlers(project, emit),
    ...basemapHandlers(project, basemaps, emit),
    ...mapToolHandlers(project),
    ...tileHandlers(project),
    ...attributeTableHandlers(project),
    ...briefingHandlers(project, briefings),
    goals: async ({ year, asOf }) => goalsReport(project.db, project.getSettings(), year, asOf ?? localIsoDate(new Date())),
    goalSet: async (input) => {
      const result = setGoal(project, input);
      emit('dataChanged', { layers: [] });
      return result;
    },
    dashboard: async (input) => dashboardReport(project.db, project.getSettings(), input, localIsoDate(new Date())),
    tallyParcels: async (input) => tallyParcels(project.db, project.getSettings(), input),
    exportDashboard: async ({ year, asOf, format }) =>
      exportDashboardFile(dashboardReport(project.db, project.getSettings(), { year, asOf }, asOf), format, project.info().isSample),
    exportLayer: async (req) => exportLayerFile(project.db, req, { isSample: project.info().isSample, now: new Date() }),
  } satisfies Handlers;

  return {
    ...bindContract(handlers),
    stageUpload: (uploadId, name, bytes) => staging.stage(uploadId, name, bytes),
    basemaps,
    briefingFile: (fileId) => briefings.file(fileId),
    tiles,
    dispose: async () => {
      await briefings.dispose();
      await tasks.dispose();
      staging.dispose();
      await basemaps.dispose();
      await tiles.dispose();
    },
  };
}

