import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ProjectInfo } from '../../../shared/api/contract.js';
import { PlannerError } from '../../../shared/api/errors.js';
import type { BBox, FeatureCollection } from '../../../shared/api/geojson.js';
import { LAYER_IDS, LAYER_LABELS, type LayerId, type LayerInfo } from '../../../shared/api/layers.js';
import { Settings, type SettingsPatch } from '../../../shared/api/settings.js';
import { DEFAULT_SETTINGS } from '../../../shared/domain/vocabulary.js';
import { GPKG_APPLICATION_ID, createGpkgCore } from '../gpkg/gpkg-schema.js';
import { registerGpkgFunctions } from '../gpkg/sql-functions.js';
import { insertFeatures, layerStats, readFeatures } from './feature-store.js';
import { MIGRATIONS, type Migration } from './migrations.js';
import { LAYER_DEFS } from './schema.js';
import type { FactoryRow, FeatureInput, GoalRow, MetricEntryRow, TransferRow } from './types.js';

/**
 * One project = one GeoPackage file (DESIGN §3), opened with better-sqlite3 in WAL mode.
 * QGIS, ArcGIS and GDAL open the same file as it is.
 */
export class Project {
  private constructor(
    readonly path: string,
    readonly db: Database.Database,
  ) {}

  /** Creates a new, empty project file. Refuses to overwrite an existing file. */
  static create(file: string, opts: { name?: string; isSample?: boolean } = {}): Project {
    if (fs.existsSync(file)) {
      throw new PlannerError('project_exists', `A file already exists at ${file}`, `文件已存在:${file}`, { path: file });
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const db = connect(file);
    try {
      db.transaction(() => {
        createGpkgCore(db);
        applyMigrations(db, 0, MIGRATIONS);
        setMeta(db, 'name', opts.name ?? path.basename(file, path.extname(file)));
        setMeta(db, 'is_sample', opts.isSample ? '1' : '0');
      })();
    } catch (err) {
      db.close();
      fs.rmSync(file, { force: true });
      throw err;
    }
    return new Project(file, db);
  }

  /**
   * Opens a project, migrating it to the current schema after taking a backup copy next to it
   * (`<file>.bak-v<N>-<time>.gpkg`). A failing migration rolls back and leaves the file as it was.
   */
  static open(file: string, opts: { migrations?: readonly Migration[] } = {}): Project {
    const migrations = opts.migrations ?? MIGRATIONS;
    const latest = migrations[migrations.length - 1]?.version ?? 0;
    if (!fs.existsSync(file)) {
      throw new PlannerError('project_not_found', `Project file not found: ${file}`, `找不到项目文件:${file}`, { path: file });
    }
    const db = connect(file);
    try {
      const appId = db.pragma('application_id', { simple: true }) as number;
      const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'project_meta'").get();
      if (appId !== GPKG_APPLICATION_ID || !hasMeta) {
        throw new PlannerError('not_a_project', `${file} is not a planner project (GeoPackage)`, `${file} 不是本软件的项目文件(GeoPackage)`, { path: file });
      }
      const version = Number(getMeta(db, 'schema_version') ?? 0);
      if (version > latest) {
        throw new PlannerError(
          'project_too_new',
          `${file} was written by a newer version (schema ${version} > ${latest})`,
          `${file} 由更新版本的软件创建(结构版本 ${version} > ${latest}),请升级软件`,
          { path: file, version },
        );
      }
      if (version < latest) {
        backupBeforeMigration(db, file, version);
        db.transaction(() => applyMigrations(db, version, migrations))();
      }
    } catch (err) {
      db.close();
      throw err;
    }
    return new Project(file, db);
  }

  get schemaVersion(): number {
    return Number(getMeta(this.db, 'schema_version') ?? 0);
  }

  info(): ProjectInfo {
    const counts = {} as Record<LayerId, number>;
    let bbox: BBox | null = null;
    for (const id of LAYER_IDS) {
      const s = layerStats(this.db, id);
      counts[id] = s.count;
      if (s.bbox) bbox = bbox ? [Math.min(bbox[0], s.bbox[0]), Math.min(bbox[1], s.bbox[1]), Math.max(bbox[2], s.bbox[2]), Math.max(bbox[3], s.bbox[3])] : s.bbox;
    }
    return {
      path: this.path,
      name: getMeta(this.db, 'name') ?? path.basename(this.path),
      isSample: getMeta(this.db, 'is_sample') === '1',
      schemaVersion: this.schemaVersion,
      crs: 'EPSG:4490',
      bbox,
      counts,
    };
  }

  listLayers(): LayerInfo[] {
    return LAYER_IDS.map((id) => {
      const s = layerStats(this.db, id);
      return {
        id,
        labelZh: LAYER_LABELS[id].zh,
        labelEn: LAYER_LABELS[id].en,
        geometryKind: LAYER_DEFS[id].geometryKind,
        featureCount: s.count,
        bbox: s.bbox,
      };
    });
  }

  features(layer: LayerId, bbox?: BBox): FeatureCollection {
    return readFeatures(this.db, layer, bbox);
  }

  /** Inserts features in one transaction (all or nothing); returns their fids. */
  insertFeatures(layer: LayerId, features: readonly FeatureInput[]): number[] {
    return this.transaction(() => insertFeatures(this.db, layer, features));
  }

  insertTransfers(rows: readonly TransferRow[]): void {
    this.insertRows('transfers', ['parcel_code', 'contract_date', 'area_m2', 'price_wan', 'buyer', 'land_use', 'town'], rows);
  }

  insertFactories(rows: readonly FactoryRow[]): void {
    this.insertRows('factories', ['code', 'name', 'parcel_code', 'floor_m2', 'completed_on', 'town'], rows);
  }

  insertMetricEntries(rows: readonly MetricEntryRow[]): void {
    this.insertRows('metric_entries', ['key', 'entry_date', 'value', 'unit', 'note'], rows);
  }

  upsertGoals(rows: readonly GoalRow[]): void {
    const stmt = this.db.prepare(
      `INSERT INTO goals (year, key, label, label_en, target, unit) VALUES (@year, @key, @label, @label_en, @target, @unit)
       ON CONFLICT (year, key) DO UPDATE SET label = excluded.label, label_en = excluded.label_en, target = excluded.target, unit = excluded.unit`,
    );
    this.transaction(() => rows.forEach((r) => stmt.run(r)));
  }

  getSettings(): Settings {
    const rows = this.db.prepare('SELECT key, value_json FROM settings').all() as { key: string; value_json: string }[];
    const stored: Record<string, unknown> = {};
    for (const r of rows) stored[r.key] = JSON.parse(r.value_json) as unknown;
    const merged = { ...DEFAULT_SETTINGS, ...stored };
    const parsed = Settings.safeParse(merged);
    return parsed.success ? parsed.data : DEFAULT_SETTINGS;
  }

  /** Validates the merged result before writing anything; returns the new settings. */
  updateSettings(patch: SettingsPatch): Settings {
    const next = Settings.parse({ ...this.getSettings(), ...patch });
    const stmt = this.db.prepare(
      'INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json',
    );
    this.transaction(() => {
      for (const key of Object.keys(patch) as (keyof Settings)[]) stmt.run(key, JSON.stringify(next[key]));
    });
    return next;
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /**
   * Runs `fn` (which opens its own transaction) with a rollback journal instead of the WAL when
   * this is the file's only connection, as for a batch import from the CLI. Into the WAL a bulk
   * write is written twice (to the log, then checkpointed into the file); with a rollback journal
   * once, and pages added at the end of the file need no journal at all (0.4 s less at 100,000
   * parcels). It is as atomic: an interrupted write leaves a hot journal that rolls it back on the
   * next open. While other connections are open (the app's server, tile workers) SQLite refuses
   * the switch at once and `fn` runs in WAL as usual, so their readers are never blocked.
   */
  withRollbackJournal<T>(fn: () => T): T {
    let switched = false;
    try {
      switched = this.db.pragma('journal_mode = DELETE', { simple: true }) === 'delete';
    } catch {
      // SQLITE_BUSY: another connection has the file open.
    }
    // synchronous=NORMAL is safe in WAL mode, but with a rollback journal only FULL syncs the
    // journal before the file is overwritten, so that a power cut cannot corrupt the project.
    if (switched) this.db.pragma('synchronous = FULL');
    try {
      return fn();
    } finally {
      if (switched) {
        this.db.pragma('journal_mode = WAL');
        this.db.pragma('synchronous = NORMAL');
      }
    }
  }

  /** Checkpoints the WAL into the main file so the .gpkg is complete on its own, then closes. */
  close(): void {
    if (!this.db.open) return;
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }

  private insertRows<R extends object>(table: string, cols: readonly (keyof R & string)[], rows: readonly R[]): void {
    const stmt = this.db.prepare(`INSERT INTO "${table}" (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`);
    this.transaction(() => rows.forEach((r) => stmt.run(r)));
  }
}

function connect(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  registerGpkgFunctions(db);
  return db;
}

function getMeta(db: Database.Database, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM project_meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

function setMeta(db: Database.Database, key: string, value: string): void {
  db.prepare('INSERT INTO project_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

function applyMigrations(db: Database.Database, from: number, migrations: readonly Migration[]): void {
  for (const m of migrations) {
    if (m.version <= from) continue;
    m.up(db);
    setMeta(db, 'schema_version', String(m.version));
  }
}

/** A complete copy of the project (VACUUM INTO) next to it, before any migration touches it. */
function backupBeforeMigration(db: Database.Database, file: string, version: number): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = `${file}.bak-v${version}-${stamp}.gpkg`;
  db.prepare('VACUUM INTO ?').run(target);
  return target;
}
