import { z } from 'zod';
import { invalidInputError } from './errors.js';
import { Dashboard, DashboardInput, ExportDashboardInput, ExportedFile, TallyParcel, TallyParcelsInput } from './dashboard.js';
import { ApplyEditsRequest, EditResult, ParcelCard, SearchHit, SearchRequest, TraceRequest, UndoRedoRequest, UndoResult } from './edit.js';
import { BBox, FeatureCollection } from './geojson.js';
import { GoalSetInput, GoalSetResult, GoalsInput, GoalsReport } from './goals.js';
import { ImportFinished, ImportPreview, ImportRequest, LedgerPreview, QualityReport, TallyBy, TallyResult } from './import.js';
import { LayerId, LayerInfo } from './layers.js';
import { Settings, SettingsPatch } from './settings.js';

/**
 * THE contract between the renderer and the backend (DESIGN §2). Every method has an input and an
 * output schema; both bridges (Electron IPC, browser-mode HTTP) parse input with them, and the
 * core object is checked against `Api` at compile time. Add a method here and the compiler shows
 * every place that must follow.
 */
export const ProjectInfo = z.object({
  path: z.string(),
  name: z.string(),
  /** True for the embedded sample project: the UI marks it 示例数据 everywhere it is shown. */
  isSample: z.boolean(),
  schemaVersion: z.number().int(),
  crs: z.literal('EPSG:4490'),
  bbox: BBox.nullable(),
  counts: z.record(LayerId, z.number().int().nonnegative()),
});
export type ProjectInfo = z.infer<typeof ProjectInfo>;

const NoInput = z.object({}).strict();

export const methods = {
  projectInfo: { input: NoInput, output: ProjectInfo },
  listLayers: { input: NoInput, output: z.array(LayerInfo) },
  layerFeatures: {
    input: z.object({ layer: LayerId, bbox: BBox.optional() }).strict(),
    output: FeatureCollection,
  },
  getSettings: { input: NoInput, output: Settings },
  updateSettings: { input: SettingsPatch, output: Settings },
  /** Dry run of an uploaded file: encoding, CRS, mapping, validity, decoded sample rows (a ledger: kind 'ledger'). */
  importPreview: { input: ImportRequest, output: z.union([ImportPreview, LedgerPreview]) },
  /** Starts the import off the main thread; progress and importFinished events follow. */
  importStart: { input: ImportRequest, output: z.object({ taskId: z.string() }) },
  importCancel: { input: z.object({ taskId: z.string() }).strict(), output: z.object({ cancelled: z.boolean() }) },
  tally: {
    input: z.object({ year: z.number().int().min(1900).max(2100), by: TallyBy }).strict(),
    output: TallyResult,
  },
  quality: { input: NoInput, output: QualityReport },
  /** The one edit path: validates, writes, one audit event per changed field, undoable as a batch. */
  applyEdits: { input: ApplyEditsRequest, output: EditResult },
  /** Reverts the latest edit batch that is not undone; batchId null when there is none. */
  undo: { input: UndoRedoRequest, output: UndoResult },
  /** Re-applies the most recently undone batch (a new edit clears the redo stack). */
  redo: { input: UndoRedoRequest, output: UndoResult },
  /** Parcels by code, owner, town or address (Chinese substrings; exact code first). */
  searchParcels: { input: SearchRequest, output: z.array(SearchHit) },
  /** The parcel card: location, block, zone, areas, status, history, transfers, nearby transport. */
  traceParcel: { input: TraceRequest, output: ParcelCard },
  /** The year's goals at an as-of date (default: today): achieved, progress, status, colour, legend. */
  goals: { input: GoalsInput, output: GoalsReport },
  /** Defines or changes one goal of a year. */
  goalSet: { input: GoalSetInput, output: GoalSetResult },
  /** The dashboard at an as-of date: goals, monthly trend vs schedule, progress by key block, transfer totals. */
  dashboard: { input: DashboardInput, output: Dashboard },
  /** The parcels behind one tally figure (drill-down, map highlight); key null = the unassigned row. */
  tallyParcels: { input: TallyParcelsInput, output: z.array(TallyParcel) },
  /** The dashboard's numbers as an .xlsx (Chinese headers) or the block table as CSV (UTF-8 with BOM), base64. */
  exportDashboard: { input: ExportDashboardInput, output: ExportedFile },
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export const METHOD_NAMES = Object.keys(methods) as MethodName[];
export type MethodInput<K extends MethodName> = z.input<Methods[K]['input']>;
export type MethodOutput<K extends MethodName> = z.output<Methods[K]['output']>;

/** What the renderer holds: every method, asynchronous, typed from the schemas. */
export type Api = { [K in MethodName]: (input: MethodInput<K>) => Promise<MethodOutput<K>> };

/** What the core implements: input already parsed (defaults applied) by the schema. */
export type Handlers = {
  [K in MethodName]: (input: z.output<Methods[K]['input']>) => Promise<z.input<Methods[K]['output']>>;
};

/**
 * Binds handlers to the contract: every call parses its input (a specific `invalid_input` error
 * naming the field on failure) and its output, so the core is safe to call from any bridge.
 */
export function bindContract(handlers: Handlers): Api {
  const api = {} as Record<MethodName, (input: unknown) => Promise<unknown>>;
  for (const name of METHOD_NAMES) {
    const { input, output } = methods[name];
    const handler = handlers[name] as (i: unknown) => Promise<unknown>;
    api[name] = async (raw: unknown) => {
      const parsed = input.safeParse(raw ?? {});
      if (!parsed.success) throw invalidInputError(name, parsed.error.issues);
      return output.parse(await handler(parsed.data));
    };
  }
  return api as Api;
}

/** Events pushed from the backend (IPC `webContents.send`, SSE in browser mode). */
export const events = {
  dataChanged: z.object({ layers: z.array(LayerId) }),
  progress: z.object({
    taskId: z.string(),
    phase: z.string(),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
  }),
  importFinished: ImportFinished,
} as const;
export type Events = typeof events;
export type EventName = keyof Events;
export const EVENT_NAMES = Object.keys(events) as EventName[];
export type EventPayload<K extends EventName> = z.output<Events[K]>;
export type EventListener = <K extends EventName>(name: K, payload: EventPayload<K>) => void;

/** Channel and route names are derived here and nowhere else. */
export const ipcChannel = (name: MethodName): string => `planner:${name}`;
export const IPC_EVENT_CHANNEL = 'planner:event';
export const httpRoute = (name: MethodName): string => `/api/${name}`;
export const SSE_ROUTE = '/api/events';
export const TOKEN_HEADER = 'x-planner-token';

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}
