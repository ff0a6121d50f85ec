import { randomUUID } from 'node:crypto';
import { bindContract, type Api, type EventListener, type Handlers } from '../../shared/api/contract.js';
import { toErrorPayload } from '../../shared/api/errors.js';
import { isLedgerLayer, type UploadResult } from '../../shared/api/import.js';
import { localIsoDate } from '../../shared/domain/goals.js';
import { dashboardReport } from './dashboard/dashboard.js';
import { tallyParcels } from './dashboard/drill.js';
import { exportDashboardFile } from './dashboard/export.js';
import { goalsReport, setGoal } from './goals/report.js';
import type { JobOptions } from './import/worker-protocol.js';
import { UploadStaging } from './import/staging.js';
import { ImportTasks } from './import/tasks.js';
import type { Project } from './project/project.js';
import { editHandlers } from './edit/handlers.js';
import { qualityReport } from './tally/quality.js';
import { tallyRemediated } from './tally/tally.js';

/** The core as the bridges hold it: the contract plus the binary upload side channel. */
export interface Core extends Api {
  stageUpload(uploadId: string, name: string, bytes: Uint8Array): UploadResult;
  dispose(): Promise<void>;
}

function importOptions(req: Parameters<Handlers['importStart']>[0]): JobOptions {
  if (isLedgerLayer(req.layer)) return { layer: req.layer, encoding: req.encoding ?? null, map: req.map ?? {}, onInvalid: req.onInvalid };
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
export function createCore(project: Project, emit: EventListener = () => {}): Core {
  const staging = new UploadStaging();
  const tasks = new ImportTasks(project.path);

  const handlers = {
    projectInfo: async () => project.info(),
    listLayers: async () => project.listLayers(),
    layerFeatures: async ({ layer, bbox }) => project.features(layer, bbox),
    getSettings: async () => project.getSettings(),
    updateSettings: async (patch) => {
      const next = project.updateSettings(patch);
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
  } satisfies Handlers;

  return {
    ...bindContract(handlers),
    stageUpload: (uploadId, name, bytes) => staging.stage(uploadId, name, bytes),
    dispose: async () => {
      await tasks.dispose();
      staging.dispose();
    },
  };
}

