import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { Compression, PMTiles, TileType, type Header, type RangeResponse, type Source } from 'pmtiles';
import type { TileFormat } from '../../../shared/api/basemap.js';
import { fileInvalid, pngWidth, type ArchiveInfo, type TileArchive, vectorLayersOf } from './archive.js';

const gunzipAsync = promisify(zlib.gunzip);
const brotliAsync = promisify(zlib.brotliDecompress);

/**
 * The pmtiles package reads archives through a `Source` (fetch or a browser File); this one reads
 * byte ranges of a local file with one open handle. Reads past the end are cut short, as an HTTP
 * range request would be (the header read asks for 16 KiB whatever the file's size).
 */
export class NodeFileSource implements Source {
  private constructor(
    private readonly handle: FileHandle,
    private readonly key: string,
    readonly size: number,
  ) {}

  static async open(file: string): Promise<NodeFileSource> {
    const handle = await open(file, 'r');
    try {
      const stat = await handle.stat();
      return new NodeFileSource(handle, `${file}|${stat.size}|${stat.mtimeMs}`, stat.size);
    } catch (e) {
      await handle.close();
      throw e;
    }
  }

  getKey(): string {
    return this.key;
  }

  async getBytes(offset: number, length: number, signal?: AbortSignal): Promise<RangeResponse> {
    signal?.throwIfAborted();
    const start = Math.max(0, Math.min(offset, this.size));
    const count = Math.max(0, Math.min(length, this.size - start));
    const buf = Buffer.alloc(count);
    let read = 0;
    while (read < count) {
      const { bytesRead } = await this.handle.read(buf, read, count - read, start + read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return { data: buf.buffer.slice(buf.byteOffset, buf.byteOffset + read) };
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

/** zlib for gzip and brotli; zstd only where this Node has it. */
async function decompress(buf: ArrayBuffer, compression: Compression): Promise<ArrayBuffer> {
  if (compression === Compression.None || compression === Compression.Unknown) return buf;
  let out: Buffer;
  if (compression === Compression.Gzip) out = await gunzipAsync(new Uint8Array(buf));
  else if (compression === Compression.Brotli) out = await brotliAsync(new Uint8Array(buf));
  else throw new Error(`compression ${Compression[compression] ?? compression} is not supported`);
  return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer;
}

const FORMAT_BY_TYPE: Partial<Record<TileType, TileFormat>> = {
  [TileType.Mvt]: 'pbf',
  [TileType.Png]: 'png',
  [TileType.Jpeg]: 'jpg',
  [TileType.Webp]: 'webp',
  [TileType.Avif]: 'avif',
};

/** A PMTiles v3 archive (https://github.com/protomaps/PMTiles) read through the pmtiles package. */
export class PmtilesArchive implements TileArchive {
  private constructor(
    private readonly source: NodeFileSource,
    private readonly pm: PMTiles,
    readonly info: ArchiveInfo,
  ) {}

  static async open(file: string): Promise<PmtilesArchive> {
    const source = await NodeFileSource.open(file);
    try {
      return await PmtilesArchive.read(file, source);
    } catch (e) {
      await source.close();
      throw e;
    }
  }

  private static async read(file: string, source: NodeFileSource): Promise<PmtilesArchive> {
    const magic = new Uint8Array((await source.getBytes(0, 8)).data);
    if (String.fromCharCode(...magic.subarray(0, 7)) !== 'PMTiles') {
      throw fileInvalid(file, { en: 'not a PMTiles file (no "PMTiles" signature)', zh: '不是 PMTiles 文件(文件头缺少 PMTiles 标识)' });
    }
    if (magic[7] !== 3) {
      throw fileInvalid(file, { en: `PMTiles version ${magic[7]} is not supported (only v3)`, zh: `不支持 PMTiles 第 ${magic[7]} 版(只支持 v3)` });
    }
    const pm = new PMTiles(source, undefined, decompress);
    let header: Header;
    let metadata: unknown;
    let sample: RangeResponse | undefined;
    try {
      header = await pm.getHeader();
      metadata = await pm.getMetadata();
      // Reading one tile walks the root directory: a truncated or damaged file fails here, not later.
      sample = await pm.getZxy(header.centerZoom, ...lonLatToTile(header.centerLon, header.centerLat, header.centerZoom));
    } catch (e) {
      throw fileInvalid(file, { en: `damaged PMTiles file (${message(e)})`, zh: `PMTiles 文件已损坏或不完整(${message(e)})` });
    }
    if (header.rootDirectoryOffset + header.rootDirectoryLength > source.size || header.tileDataOffset > source.size) {
      throw fileInvalid(file, { en: 'the file is shorter than its header says (truncated)', zh: '文件比文件头所述的短(可能未完整复制)' });
    }
    if (header.numAddressedTiles === 0) throw fileInvalid(file, { en: 'the file holds no tiles', zh: '文件中没有瓦片' });
    const format = FORMAT_BY_TYPE[header.tileType as TileType];
    if (!format) {
      throw fileInvalid(file, { en: `unsupported tile type ${header.tileType}`, zh: `不支持的瓦片类型 ${header.tileType}(支持 png、jpg、webp、avif、mvt)` });
    }
    const type = format === 'pbf' ? 'vector' : 'raster';
    const meta = (metadata ?? {}) as { name?: unknown; attribution?: unknown };
    const info: ArchiveInfo = {
      container: 'pmtiles',
      format,
      type,
      name: typeof meta.name === 'string' ? meta.name : '',
      attribution: typeof meta.attribution === 'string' ? meta.attribution : '',
      minzoom: header.minZoom,
      maxzoom: header.maxZoom,
      bounds: header.minLon < header.maxLon && header.minLat < header.maxLat ? [header.minLon, header.minLat, header.maxLon, header.maxLat] : null,
      center: [header.centerLon, header.centerLat, header.centerZoom],
      tileSize: (type === 'raster' && sample ? pngWidth(new Uint8Array(sample.data)) : null) ?? 256,
      vectorLayers: type === 'vector' ? vectorLayersOf(metadata) : [],
    };
    if (type === 'vector' && info.vectorLayers.length === 0) {
      throw fileInvalid(file, { en: 'a vector PMTiles without vector_layers in its metadata', zh: '矢量 PMTiles 的元数据中没有 vector_layers 图层说明' });
    }
    return new PmtilesArchive(source, pm, info);
  }

  async tile(z: number, x: number, y: number): Promise<Uint8Array | null> {
    const found = await this.pm.getZxy(z, x, y);
    if (!found || found.data.byteLength === 0) return null;
    return new Uint8Array(found.data);
  }

  close(): Promise<void> {
    return this.source.close();
  }
}

/** The XYZ tile holding a point at zoom z (Web Mercator). */
function lonLatToTile(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const clampedLat = Math.max(-85.0511, Math.min(85.0511, lat));
  const x = Math.floor(((lon + 180) / 360) * n);
  const rad = (clampedLat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return [Math.min(n - 1, Math.max(0, x)), Math.min(n - 1, Math.max(0, y))];
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
