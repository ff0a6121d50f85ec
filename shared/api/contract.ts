import { z } from 'zod';
import { invalidInputError } from './errors.js';
import { Dashboard, DashboardInput, ExportDashboardInput, ExportedFile, TallyParcel, TallyParcelsInput } from './dashboard.js';
import { ExportLayerInput, ExportLayerResult } from './export.js';
import { ApplyEditsRequest, EditResult, ParcelCard, SearchHit, SearchRequest, TraceRequest, UndoRedoRequest, UndoResult } from './edit.js';
import { EditGeometryRequest, GeometryEditResult, ParcelGeometry, ParcelGeometryRequest } from './edit-geometry.js';
import { BBox, FeatureCollection } from './geojson.js';
import { GoalSetInput, GoalSetResult, GoalsInput, GoalsReport } from './goals.js';
import { ImportFinished, ImportPreview, ImportRequest, LedgerPreview, QualityReport, TallyBy, TallyResult } from './import.js';
import { LayerId, LayerInfo } from './layers.js';
import { BriefingFinished, BriefingRequest, BriefingStarted } from './briefing.js';
import { ParcelFacets, ParcelFacetsInput } from './parcel-facets.js';
import { FeatureCard, FeatureCardInput } from './feature-card.js';
import { ParcelsInPolygonInput, ParcelsInPolygonResult, SelectionSummary, SelectionSummaryInput } from './selection.js';
import { Basemap, BasemapState } from './basemap.js';
import { Settings, SettingsPatch } from './settings.js';
import { ParcelRows, ParcelRowsInput } from './tiles.js';
import { AttributeRows, AttributeRowsInput, ExportAttributeTableInput } from './attribute-table.js';

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
  /** Parcels grouped by status, town, method, block, completion year and 亩均 class (layer panel filters, legend counts). */
  parcelFacets: { input: ParcelFacetsInput, output: ParcelFacets },
  getSettings: { input: NoInput, output: Settings },
  updateSettings: { input: SettingsPatch, output: Settings },
  /** The basemap as the map should draw it: a local file's description (or why it cannot be used), a network source's tile URLs. */
  basemapInfo: { input: NoInput, output: BasemapState },
  /** Chooses the basemap; a local file must open as MBTiles/PMTiles, else an error naming it and nothing changes. */
  setBasemap: { input: Basemap, output: BasemapState },
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
  /** Draw, reshape, split, merge or delete parcels through the one edit path (one undoable batch; dryRun previews). */
  editGeometry: { input: EditGeometryRequest, output: GeometryEditResult },
  /** One parcel's outline and area, for editing its vertices. */
  parcelGeometry: { input: ParcelGeometryRequest, output: ParcelGeometry },
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
  /** A layer, or its selected/filtered features, as a shapefile zip (GBK or UTF-8, EPSG:4490 or 4549) or GeoJSON, base64, with a report. */
  exportLayer: { input: ExportLayerInput, output: ExportLayerResult },
  /** Prints a map briefing (a page, or the atlas of the 18 key blocks) to PDF/PNG off the main thread; progress and briefingFinished follow. */
  briefingStart: { input: BriefingRequest, output: BriefingStarted },
  briefingCancel: { input: z.object({ taskId: z.string() }).strict(), output: z.object({ cancelled: z.boolean() }) },
  /** Parcels meeting a drawn ring (box or lasso selection): R-tree candidates, exact test (map-tools). */
  parcelsInPolygon: { input: ParcelsInPolygonInput, output: ParcelsInPolygonResult },
  /** A parcel selection's count and area (every fid, from unrounded m²) and the rows of its first parcels only (the bulk card). */
  selectionSummary: { input: SelectionSummaryInput, output: SelectionSummary },
  /** The card of a key block, renewal zone, platform, transport line or project, with its parcels' figures. */
  featureCard: { input: FeatureCardInput, output: FeatureCard },
  /** A few parcels' rows and boxes by fid or by key block (cards, fly-to, framing): the map holds parcels only as tiles. */
  parcelRows: { input: ParcelRowsInput, output: ParcelRows },
  /** The attribute table: a page of a layer's rows, sorted and filtered by the core (and where one feature is in that order). */
  attributeRows: { input: AttributeRowsInput, output: AttributeRows },
  /** The attribute table's filtered rows, in its order, as .xlsx or CSV (UTF-8 with BOM) with Chinese headers, base64. */
  exportAttributeTable: { input: ExportAttributeTableInput, output: ExportedFile },
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
  dataChanged: z.object({
    layers: z.array(LayerId),
    /** When present, only features within these boxes changed (an edit): the map refreshes only the tiles they meet. */
    extent: z.array(BBox).optional(),
  }),
  progress: z.object({
    taskId: z.string(),
    phase: z.string(),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
  }),
  importFinished: ImportFinished,
  briefingFinished: BriefingFinished,
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
