import { z } from 'zod';
import { ErrorPayload } from './errors.js';
import { GoalYear, IsoDate } from './goals.js';

/**
 * Map briefings (issue 6): one printed page for the city, a key block or a renewal zone, or the
 * atlas (a cover for the city plus one page per key block). The renderer draws the page at the
 * briefing route (`/?view=briefing&block=ZD01&year=2023&asOf=2023-08-01…`); the backend prints
 * that same page to PDF or PNG — Electron with `webContents.printToPDF`, browser mode and the CLI
 * through the system Chromium — so the screen, the PDF and the scheduled command show one layout.
 */

export const PAPER_SIZES = ['A4', 'A3'] as const;
export const PaperSize = z.enum(PAPER_SIZES);
export type PaperSize = z.infer<typeof PaperSize>;

/** Landscape sheet sizes in millimetres. */
export const PAPER_MM: Readonly<Record<PaperSize, { width: number; height: number }>> = {
  A4: { width: 297, height: 210 },
  A3: { width: 420, height: 297 },
};

/** CSS pixels per millimetre (96 CSS px per inch). */
export const CSS_PX_PER_MM = 96 / 25.4;

/** The map image is drawn at least this many dots per inch of paper (issue 6: ≥ 200 dpi). */
export const PRINT_DPI = 200;

/** A sheet's size in CSS pixels (fractional: 297 mm = 1122.5 px). */
export function paperCssPx(paper: PaperSize): { width: number; height: number } {
  const mm = PAPER_MM[paper];
  return { width: mm.width * CSS_PX_PER_MM, height: mm.height * CSS_PX_PER_MM };
}

/** The window a sheet is printed in: whole CSS pixels (A4: 1123 × 794), the sheet fitting inside. */
export function paperViewportPx(paper: PaperSize): { width: number; height: number } {
  const css = paperCssPx(paper);
  return { width: Math.ceil(css.width), height: Math.ceil(css.height) };
}

/**
 * A PNG's height for a requested width: the print window scaled to that width, rounded to whole
 * pixels (1600 → 1131 for A4). Browsers size a screenshot in whole CSS pixels times the scale, so
 * the window — not the fractional sheet — sets the exact size.
 */
export function pngHeightFor(paper: PaperSize, widthPx: number): number {
  const vp = paperViewportPx(paper);
  return Math.round((widthPx * vp.height) / vp.width);
}

/** A PNG's width when none is asked for: the sheet at PRINT_DPI. */
export function defaultPngWidth(paper: PaperSize): number {
  return Math.round((PAPER_MM[paper].width / 25.4) * PRINT_DPI);
}

const Code = z.string().trim().min(1).max(64);

/** What one page shows: the whole city, one key block, or one renewal zone. */
export const BriefingExtent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('city') }).strict(),
  z.object({ kind: z.literal('block'), code: Code }).strict(),
  z.object({ kind: z.literal('zone'), code: Code }).strict(),
]);
export type BriefingExtent = z.infer<typeof BriefingExtent>;

export const BriefingKind = z.enum(['page', 'atlas']);
export type BriefingKind = z.infer<typeof BriefingKind>;

export const BriefingFormat = z.enum(['pdf', 'png']);
export type BriefingFormat = z.infer<typeof BriefingFormat>;

export const MAX_NOTES_CHARS = 2000;

/** Everything the briefing route needs to draw its page(s). */
export const BriefingPageParams = z
  .object({
    kind: BriefingKind.default('page'),
    /** Ignored for the atlas (always the city, then every key block). */
    extent: BriefingExtent.default({ kind: 'city' }),
    year: GoalYear,
    asOf: IsoDate,
    paper: PaperSize.default('A4'),
    /** Free text printed under the figures (the atlas prints it on the cover). */
    notes: z.string().max(MAX_NOTES_CHARS).default(''),
  })
  .strict();
export type BriefingPageParams = z.infer<typeof BriefingPageParams>;

export const BriefingRequest = BriefingPageParams.extend({
  format: BriefingFormat.default('pdf'),
  /** PNG only: the image width in pixels (the height follows the sheet); default: the sheet at PRINT_DPI. */
  widthPx: z.number().int().min(200).max(8000).optional(),
}).strict();
export type BriefingRequest = z.input<typeof BriefingRequest>;
export type BriefingRequestParsed = z.output<typeof BriefingRequest>;

export const BriefingStarted = z.object({ taskId: z.string(), fileName: z.string() });
export type BriefingStarted = z.infer<typeof BriefingStarted>;

/** A finished file, kept by the backend for a while and fetched through BRIEFING_FILE_ROUTE. */
export const BriefingFileInfo = z.object({
  fileId: z.string(),
  fileName: z.string(),
  mime: z.string(),
  bytes: z.number().int().nonnegative(),
  pages: z.number().int().positive(),
});
export type BriefingFileInfo = z.infer<typeof BriefingFileInfo>;

export const BriefingFinished = z.object({
  taskId: z.string(),
  ok: z.boolean(),
  file: BriefingFileInfo.optional(),
  error: ErrorPayload.optional(),
});
export type BriefingFinished = z.infer<typeof BriefingFinished>;

/** Progress phases of a briefing task (the `progress` event's `phase`). */
export const BRIEFING_PHASES = { maps: 'briefing-maps', print: 'briefing-print' } as const;

/** Binary side channel for finished files: `GET /api/briefing-file?fileId=…` (browser) or IPC. */
export const BRIEFING_FILE_ROUTE = '/api/briefing-file';
export const IPC_BRIEFING_FILE_CHANNEL = 'planner:briefing-file';
export const FileId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'a file id');

/**
 * How the briefing route tells the backend about itself, on `document.body.dataset`: maps drawn so
 * far of all (progress), pages in the document, ready (every map image is in) or an error message.
 */
export const BRIEFING_DATASET = {
  ready: 'briefingReady',
  error: 'briefingError',
  done: 'briefingDone',
  total: 'briefingTotal',
  pages: 'briefingPages',
  /** The run these flags belong to (the backend names each briefing it asks the page for). */
  run: 'briefingRun',
} as const;

/** Query parameter naming the run of the first briefing a print page shows. */
export const BRIEFING_RUN_PARAM = 'run';

/** `view` values of the briefing routes. */
export const BRIEFING_VIEW = 'briefing';
export const ATLAS_VIEW = 'atlas';

/**
 * The briefing route's query string (without `?` and without the token), e.g.
 * `view=briefing&block=ZD01&year=2023&asOf=2023-08-01&paper=A4`.
 */
export function briefingQuery(p: z.input<typeof BriefingPageParams>): string {
  const parts: [string, string][] = [['view', p.kind === 'atlas' ? ATLAS_VIEW : BRIEFING_VIEW]];
  const extent = p.extent ?? { kind: 'city' };
  if (p.kind !== 'atlas' && extent.kind !== 'city') parts.push([extent.kind, extent.code]);
  parts.push(['year', String(p.year)], ['asOf', p.asOf], ['paper', p.paper ?? 'A4']);
  if (p.notes) parts.push(['notes', p.notes]);
  return parts.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
}

/** The page parameters of a briefing route, or null when the query is not one (the normal app). */
export function parseBriefingQuery(search: string): BriefingPageParams | null {
  const q = new Map<string, string>();
  for (const part of search.replace(/^\?/, '').split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const decode = (s: string): string => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        return s;
      }
    };
    q.set(decode(eq < 0 ? part : part.slice(0, eq)), decode(eq < 0 ? '' : part.slice(eq + 1)));
  }
  const view = q.get('view');
  if (view !== BRIEFING_VIEW && view !== ATLAS_VIEW) return null;
  const block = q.get('block');
  const zone = q.get('zone');
  const parsed = BriefingPageParams.safeParse({
    kind: view === ATLAS_VIEW ? 'atlas' : 'page',
    extent: block ? { kind: 'block', code: block } : zone ? { kind: 'zone', code: zone } : { kind: 'city' },
    year: Number(q.get('year') ?? q.get('asOf')?.slice(0, 4)),
    asOf: q.get('asOf'),
    paper: q.get('paper') ?? 'A4',
    notes: q.get('notes') ?? '',
  });
  return parsed.success ? parsed.data : null;
}

/** Characters Windows, macOS or Linux refuse in a file name. */
const UNSAFE_FILE_CHARS = /[\\/:*?"<>|\p{Cc}]/gu;

/**
 * File names carry the extent and the date: 永康市-简报-2023-08-01.pdf, 老长城区块-简报-2023-08-01.pdf,
 * 永康市-图集-2023-08-01.pdf.
 */
export function briefingFileName(extentName: string, asOf: string, kind: BriefingKind, format: BriefingFormat): string {
  const name = extentName.replace(UNSAFE_FILE_CHARS, '_').trim() || 'briefing';
  return `${name}-${kind === 'atlas' ? '图集' : '简报'}-${asOf}.${format}`;
}

export const BRIEFING_MIME: Readonly<Record<BriefingFormat, string>> = { pdf: 'application/pdf', png: 'image/png' };
