import type Database from 'better-sqlite3';
import { briefingFileName, briefingQuery, defaultPngWidth, type BriefingExtent, type BriefingRequestParsed } from '../../../shared/api/briefing.js';
import { PlannerError } from '../../../shared/api/errors.js';
import type { Settings } from '../../../shared/api/settings.js';
import type { RenderJob } from './renderer.js';

/** A briefing request checked against the project: what to render and the file name to give it. */
export interface BriefingPlan {
  job: RenderJob;
  fileName: string;
  /** The city's, block's or zone's name as printed. */
  extentName: string;
}

const EXTENT_TABLES = { block: 'key_blocks', zone: 'renewal_zones' } as const;

function extentName(db: Database.Database, settings: Settings, extent: BriefingExtent): string {
  if (extent.kind === 'city') return settings.briefing.city;
  const table = EXTENT_TABLES[extent.kind];
  const row = db.prepare(`SELECT count(*) AS n, max(name) AS name FROM "${table}" WHERE code = ?`).get(extent.code) as { n: number; name: string | null };
  if (row.n === 0) {
    const known = db.prepare(`SELECT DISTINCT code FROM "${table}" WHERE code IS NOT NULL ORDER BY code`).pluck().all() as string[];
    const what = extent.kind === 'block' ? { en: 'key block', zh: '重点区块' } : { en: 'renewal zone', zh: '城市更新片区' };
    throw new PlannerError(
      extent.kind === 'block' ? 'unknown_block' : 'unknown_zone',
      `No ${what.en} with code ${extent.code} (known: ${known.join(', ') || 'none'})`,
      `没有编号为 ${extent.code} 的${what.zh}(现有:${known.join('、') || '无'})`,
      { code: extent.code, known },
    );
  }
  return row.name?.trim() || extent.code;
}

/** Key blocks the atlas has a page for: one per distinct code, as the dashboard's block table lists them. */
export function atlasBlockCount(db: Database.Database): number {
  return (db.prepare("SELECT count(DISTINCT code) FROM key_blocks WHERE code IS NOT NULL AND trim(code) <> ''").pluck().get() as number) ?? 0;
}

/**
 * Checks a request against the project (the block or zone exists; the atlas is a PDF) and names
 * the file after the extent and the date: 永康市-简报-2023-08-01.pdf, 老长城区块-简报-2023-08-01.pdf.
 */
export function planBriefing(db: Database.Database, settings: Settings, request: BriefingRequestParsed): BriefingPlan {
  if (request.kind === 'atlas' && request.format !== 'pdf') {
    throw new PlannerError('briefing_atlas_png', 'The atlas is one PDF; PNG is for single pages.', '图集只能导出为 PDF;PNG 仅用于单页简报。');
  }
  const extent: BriefingExtent = request.kind === 'atlas' ? { kind: 'city' } : request.extent;
  const name = extentName(db, settings, extent);
  const job: RenderJob = {
    query: briefingQuery({ ...request, extent }),
    format: request.format,
    paper: request.paper,
    widthPx: request.format === 'png' ? (request.widthPx ?? defaultPngWidth(request.paper)) : 0,
    expectedPages: request.kind === 'atlas' ? 1 + atlasBlockCount(db) : 1,
  };
  return { job, fileName: briefingFileName(name, request.asOf, request.kind, request.format), extentName: name };
}
