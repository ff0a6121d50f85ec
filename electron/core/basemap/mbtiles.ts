import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import Database from 'better-sqlite3';
import {
  fileInvalid,
  formatFromName,
  isGzip,
  parseBounds,
  parseCenter,
  pngWidth,
  sniffFormat,
  vectorLayersOf,
  type ArchiveInfo,
  type TileArchive,
} from './archive.js';

const gunzipAsync = promisify(gunzip);

/**
 * An MBTiles file (SQLite; https://github.com/mapbox/mbtiles-spec) opened read-only. Rows are in
 * TMS order (y counted from the south), so the XYZ y the map asks for is flipped — unless the
 * metadata says `scheme=xyz`, which some tools write. Vector tiles are stored gzip-compressed and
 * are handed out inflated, so both transports can serve them without Content-Encoding.
 */
export class MbtilesArchive implements TileArchive {
  private constructor(
    private readonly db: Database.Database,
    private readonly stmt: Database.Statement<[number, number, number], { tile_data: Buffer | null }>,
    private readonly flipY: boolean,
    readonly info: ArchiveInfo,
  ) {}

  /** Opens and checks the file; throws `basemap_file_invalid` naming it when it is not usable. */
  static open(file: string): MbtilesArchive {
    let db: Database.Database;
    try {
      db = new Database(file, { readonly: true, fileMustExist: true });
    } catch (e) {
      throw fileInvalid(file, { en: `not a readable SQLite file (${message(e)})`, zh: `不是可读取的 SQLite 文件(${message(e)})` });
    }
    try {
      return MbtilesArchive.read(file, db);
    } catch (e) {
      db.close();
      throw e;
    }
  }

  private static read(file: string, db: Database.Database): MbtilesArchive {
    let meta: Map<string, string>;
    let first: { zoom_level: number; tile_data: Buffer | null } | undefined;
    try {
      const rows = db.prepare('SELECT name, value FROM metadata').all() as { name: string; value: string | null }[];
      meta = new Map(rows.map((r) => [String(r.name).toLowerCase(), r.value === null ? '' : String(r.value)]));
      first = db.prepare('SELECT zoom_level, tile_data FROM tiles LIMIT 1').get() as typeof first;
    } catch (e) {
      throw fileInvalid(file, {
        en: `not an MBTiles file: no readable metadata and tiles tables (${message(e)})`,
        zh: `不是 MBTiles 文件:缺少可读取的 metadata 和 tiles 表(${message(e)})`,
      });
    }
    if (!first?.tile_data || first.tile_data.length === 0) throw fileInvalid(file, { en: 'the file holds no tiles', zh: '文件中没有瓦片' });

    const sniffed = sniffFormat(first.tile_data);
    const format = formatFromName(meta.get('format')) ?? sniffed;
    if (!format) {
      const stated = meta.get('format') ?? '';
      throw fileInvalid(file, { en: `unsupported tile format "${stated}"`, zh: `不支持的瓦片格式“${stated}”(支持 png、jpg、webp、pbf)` });
    }
    let minzoom = intOrNull(meta.get('minzoom'));
    let maxzoom = intOrNull(meta.get('maxzoom'));
    if (minzoom === null || maxzoom === null) {
      const z = db.prepare('SELECT min(zoom_level) AS lo, max(zoom_level) AS hi FROM tiles').get() as { lo: number; hi: number };
      minzoom ??= z.lo;
      maxzoom ??= z.hi;
    }
    const type = format === 'pbf' ? 'vector' : 'raster';
    const json = parseJson(meta.get('json'));
    const info: ArchiveInfo = {
      container: 'mbtiles',
      format,
      type,
      name: meta.get('name') ?? '',
      attribution: meta.get('attribution') ?? '',
      minzoom,
      maxzoom,
      bounds: parseBounds(meta.get('bounds')),
      center: parseCenter(meta.get('center')),
      tileSize: (type === 'raster' ? pngWidth(first.tile_data) : null) ?? 256,
      vectorLayers: type === 'vector' ? vectorLayersOf(json) : [],
    };
    if (type === 'vector' && info.vectorLayers.length === 0) {
      throw fileInvalid(file, {
        en: 'a vector MBTiles without vector_layers in its metadata json',
        zh: '矢量 MBTiles 的 metadata 中没有 json/vector_layers 图层说明',
      });
    }
    const stmt = db.prepare<[number, number, number], { tile_data: Buffer | null }>(
      'SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?',
    );
    return new MbtilesArchive(db, stmt, (meta.get('scheme') ?? 'tms').toLowerCase() !== 'xyz', info);
  }

  async tile(z: number, x: number, y: number): Promise<Uint8Array | null> {
    const row = this.flipY ? 2 ** z - 1 - y : y;
    const found = this.stmt.get(z, x, row);
    const data = found?.tile_data;
    if (!data || data.length === 0) return null;
    if (this.info.type === 'vector' && isGzip(data)) return new Uint8Array(await gunzipAsync(data));
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

function intOrNull(v: string | undefined): number | null {
  if (v === undefined || v.trim() === '') return null;
  const n = Number(v);
  return Number.isInteger(n) ? n : null;
}

function parseJson(v: string | undefined): unknown {
  if (!v) return null;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return null;
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
