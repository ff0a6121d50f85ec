import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { networkOrigins, networkTiles, type Basemap, type BasemapFileInfo, type BasemapState } from '../../../shared/api/basemap.js';
import { PlannerError, toErrorPayload } from '../../../shared/api/errors.js';
import { fileInvalid, fileNotFound, validTileAddress, type TileArchive } from './archive.js';
import { MbtilesArchive } from './mbtiles.js';
import { PmtilesArchive } from './pmtiles-archive.js';

interface Opened {
  path: string;
  /** size + mtime when opened: a file replaced on disk is opened again. */
  stamp: string;
  revision: string;
  archive: TileArchive;
}

/** A tile of the current basemap file, or why there is none. */
export type TileLookup =
  | { kind: 'tile'; bytes: Uint8Array; format: BasemapFileInfo['format'] }
  | { kind: 'empty' }
  | { kind: 'stale' }
  | { kind: 'bad_address' };

/**
 * Holds the open basemap file (at most one) and answers for the basemap setting: its state for
 * the map, the origins a network basemap makes the renderer contact (for the CSP), and tiles by
 * revision and address. Opening a new file either succeeds whole or leaves the previous one in
 * place, so a missing or damaged file changes nothing.
 */
export class BasemapService {
  private current: Opened | null = null;
  /** Serialises opens, so two quick choices cannot leave two files open. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly readSetting: () => Basemap) {}

  /** Throws a PlannerError naming the file when a file basemap cannot be used; opens it when it can. */
  async check(basemap: Basemap): Promise<void> {
    if (basemap.kind === 'file') await this.openFile(basemap.path);
  }

  /** The stored setting as the map should draw it; a stored file that went missing gives `error`. */
  async state(basemap: Basemap = this.readSetting()): Promise<BasemapState> {
    if (basemap.kind !== 'file') return { basemap, file: null, network: networkTiles(basemap), error: null };
    try {
      const opened = await this.openFile(basemap.path);
      return { basemap, file: { ...opened.archive.info, path: opened.path, revision: opened.revision }, network: null, error: null };
    } catch (e) {
      return { basemap, file: null, network: null, error: toErrorPayload(e) };
    }
  }

  /** Origins of the stored network basemap ([] when offline or a local file). */
  networkOrigins(): string[] {
    try {
      return networkOrigins(this.readSetting());
    } catch {
      return [];
    }
  }

  /** A tile of the file the revision names; `stale` when another file (or version) is current. */
  async tile(revision: string, z: number, x: number, y: number): Promise<TileLookup> {
    if (!validTileAddress(z, x, y)) return { kind: 'bad_address' };
    const opened = this.current;
    if (!opened || opened.revision !== revision) return { kind: 'stale' };
    let bytes: Uint8Array | null;
    try {
      bytes = await opened.archive.tile(z, x, y);
    } catch (e) {
      // Another file was chosen while this tile was being read: its archive is closed by now.
      if (this.current !== opened) return { kind: 'stale' };
      throw e;
    }
    return bytes ? { kind: 'tile', bytes, format: opened.archive.info.format } : { kind: 'empty' };
  }

  /** Closes the file when the basemap is no longer a file (Windows keeps an open file from being replaced). */
  release(): Promise<void> {
    const next = this.queue.then(async () => {
      const open = this.current;
      this.current = null;
      await open?.archive.close();
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  dispose(): Promise<void> {
    return this.release();
  }

  private openFile(file: string): Promise<Opened> {
    const next = this.queue.then(
      () => this.openNow(file),
      () => this.openNow(file),
    );
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async openNow(file: string): Promise<Opened> {
    const full = path.resolve(file);
    const ext = path.extname(full).toLowerCase();
    if (ext !== '.mbtiles' && ext !== '.pmtiles') {
      throw fileInvalid(full, { en: 'choose a .mbtiles or .pmtiles file', zh: '请选择 .mbtiles 或 .pmtiles 文件' });
    }
    let stamp: string;
    try {
      const st = await stat(full);
      if (!st.isFile()) throw fileNotFound(full);
      stamp = `${st.size}|${st.mtimeMs}`;
    } catch (e) {
      if (e instanceof PlannerError) throw e;
      throw fileNotFound(full);
    }
    const cur = this.current;
    if (cur && cur.path === full && cur.stamp === stamp) return cur;

    const archive = ext === '.mbtiles' ? MbtilesArchive.open(full) : await PmtilesArchive.open(full);
    const opened: Opened = {
      path: full,
      stamp,
      revision: createHash('sha256').update(`${full}|${stamp}`).digest('hex').slice(0, 16),
      archive,
    };
    this.current = opened;
    await cur?.archive.close();
    return opened;
  }
}
