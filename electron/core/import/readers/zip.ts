import { unzipSync } from 'fflate';
import { PlannerError } from '../../../../shared/api/planner-error.js';
import { decodeBytes, detectEncoding } from './encoding.js';

/** The parts of one shapefile, keyed by lower-case extension ('shp', 'shx', 'dbf', 'prj', 'cpg'). */
export interface ShapefileParts {
  /** display name of the .shp, e.g. "地块.shp" or "export.zip › 地块/地块.shp" */
  name: string;
  files: Map<string, Uint8Array>;
}

export const SHAPEFILE_EXTS = ['shp', 'shx', 'dbf', 'prj', 'cpg'];

/**
 * fflate decodes names without the zip UTF-8 flag as Latin-1; Chinese Windows zips store them
 * in GBK. Recover the bytes and decode them as UTF-8 when valid, else GBK.
 */
export function zipEntryName(name: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[\u0080-\u00ff]/.test(name) || /[^\u0000-\u00ff]/.test(name)) return name;
  const bytes = Uint8Array.from(name, (c) => c.charCodeAt(0));
  const d = detectEncoding([bytes]);
  return decodeBytes(bytes, d.encoding === 'utf-8' ? 'utf-8' : 'gb18030');
}

function splitExt(path: string): { base: string; ext: string } {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  if (dot <= slash + 1) return { base: path, ext: '' };
  return { base: path.slice(0, dot), ext: path.slice(dot + 1).toLowerCase() };
}

/**
 * Unzips only the shapefile parts (case-insensitive extensions; __MACOSX and ._ files skipped)
 * and returns the one shapefile inside. Several .shp → 'ambiguous_zip' listing them (unless
 * `layer` names one, by base name); none → 'missing_shp'.
 */
export function shapefileFromZip(zip: Uint8Array, zipName: string, layer?: string): ShapefileParts {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip, {
      filter: (f) => {
        const n = f.name.replace(/\\/g, '/');
        const leaf = n.slice(n.lastIndexOf('/') + 1);
        return !n.startsWith('__MACOSX/') && !leaf.startsWith('._') && SHAPEFILE_EXTS.includes(splitExt(n).ext);
      },
    });
  } catch (e) {
    throw new PlannerError('invalid_zip', `${zipName} is not a readable zip file (${(e as Error).message}).`, `${zipName} 不是可读取的 zip 文件(${(e as Error).message})。`, { file: zipName });
  }
  const groups = new Map<string, { display: string; files: Map<string, Uint8Array> }>();
  for (const [raw, data] of Object.entries(entries)) {
    const display = zipEntryName(raw.replace(/\\/g, '/'));
    const { base, ext } = splitExt(display);
    const key = base.toLowerCase();
    let g = groups.get(key);
    if (!g) {
      g = { display: base, files: new Map() };
      groups.set(key, g);
    }
    g.files.set(ext, data);
  }
  const shps = [...groups.values()].filter((g) => g.files.has('shp'));
  const leafOf = (b: string) => b.slice(b.lastIndexOf('/') + 1);
  let chosen = shps;
  if (layer !== undefined) chosen = shps.filter((g) => g.display === layer || leafOf(g.display) === layer || leafOf(g.display).toLowerCase() === layer.toLowerCase());
  if (chosen.length === 1) {
    const g = chosen[0]!;
    return { name: `${zipName} › ${g.display}.shp`, files: g.files };
  }
  if (shps.length === 0) {
    const found = [...groups.values()].map((g) => [...g.files.keys()].map((e) => `${g.display}.${e}`)).flat();
    throw new PlannerError(
      'missing_shp',
      `${zipName} contains no .shp file${found.length ? ` (found: ${found.join(', ')})` : ''}.`,
      `${zipName} 中没有 .shp 文件${found.length ? `(找到:${found.join('、')})` : ''}。`,
      { file: zipName, found },
    );
  }
  const names = shps.map((g) => `${g.display}.shp`);
  throw new PlannerError(
    'ambiguous_zip',
    `${zipName} contains ${shps.length} shapefiles (${names.join(', ')}); import them one at a time${layer !== undefined ? ` — "${layer}" matches none` : ''}.`,
    `${zipName} 中有 ${shps.length} 个 shapefile(${names.join('、')}),请逐个导入${layer !== undefined ? `——"${layer}"与其中任何一个都不匹配` : ''}。`,
    { file: zipName, shapefiles: names },
  );
}
