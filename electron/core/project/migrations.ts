import type Database from 'better-sqlite3';
import { LAYER_LABELS } from '../../../shared/api/layers.js';
import {
  SRS_CGCS2000,
  createAttributeTable,
  createFeatureTable,
} from '../gpkg/gpkg-schema.js';
import { LAYER_DEFS } from './schema.js';

export interface Migration {
  version: number;
  description: string;
  up(db: Database.Database): void;
}

/**
 * Numbered schema migrations of the project file. Append only: never edit a released migration.
 * The project's schema version lives in project_meta (PRAGMA user_version belongs to GeoPackage).
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'feature tables, attribute tables, audit log',
    up(db) {
      createAttributeTable(db, 'project_meta', ['key TEXT NOT NULL UNIQUE', 'value TEXT'], 'Project metadata');
      for (const def of Object.values(LAYER_DEFS)) {
        createFeatureTable(db, {
          table: def.id,
          geometryType: def.geometryKind,
          srsId: SRS_CGCS2000,
          columnsSql: def.columns.map((c) => `"${c.name}" ${c.type}`),
          identifier: def.id,
          description: `${LAYER_LABELS[def.id].zh} / ${LAYER_LABELS[def.id].en}`,
        });
      }
      createAttributeTable(db, 'settings', ['key TEXT NOT NULL UNIQUE', 'value_json TEXT NOT NULL'], 'Settings and vocabularies');
      createAttributeTable(
        db,
        'goals',
        ['year INTEGER NOT NULL', 'key TEXT NOT NULL', 'label TEXT NOT NULL', 'label_en TEXT', 'target REAL NOT NULL', 'unit TEXT NOT NULL', 'UNIQUE (year, key)'],
        '年度目标 / Yearly goals',
      );
      createAttributeTable(
        db,
        'transfers',
        ['parcel_code TEXT NOT NULL', 'contract_date DATE NOT NULL', 'area_m2 REAL NOT NULL', 'price_wan REAL', 'buyer TEXT', 'land_use TEXT', 'town TEXT'],
        '出让台账 / Land transfers',
      );
      createAttributeTable(
        db,
        'factories',
        ['code TEXT NOT NULL', 'name TEXT', 'parcel_code TEXT', 'floor_m2 REAL NOT NULL', 'completed_on DATE', 'town TEXT'],
        '标准厂房台账 / Standard factories',
      );
      createAttributeTable(
        db,
        'metric_entries',
        ['key TEXT NOT NULL', 'entry_date DATE NOT NULL', 'value REAL NOT NULL', 'unit TEXT NOT NULL', 'note TEXT'],
        '指标台账 / Dated figures not on the map',
      );
      createAttributeTable(
        db,
        'events',
        ['at DATETIME NOT NULL', 'actor TEXT NOT NULL', 'table_name TEXT NOT NULL', 'row_fid INTEGER', 'field TEXT', 'old_value TEXT', 'new_value TEXT', 'batch_id INTEGER', 'undone BOOLEAN NOT NULL DEFAULT 0'],
        '审计日志 / Append-only audit log',
      );
      db.exec(`
        CREATE INDEX idx_parcels_code ON parcels(code);
        CREATE INDEX idx_parcels_block ON parcels(block_code);
        CREATE INDEX idx_parcels_status_completed ON parcels(status, completed_on);
        CREATE INDEX idx_transfers_date ON transfers(contract_date);
        CREATE INDEX idx_transfers_parcel ON transfers(parcel_code);
        CREATE INDEX idx_factories_date ON factories(completed_on);
        CREATE INDEX idx_events_row ON events(table_name, row_fid);
      `);
    },
  },
  {
    version: 2,
    description: 'remembered field mappings per source schema',
    up(db) {
      createAttributeTable(
        db,
        'import_mappings',
        ['signature TEXT NOT NULL', 'layer TEXT NOT NULL', 'mapping_json TEXT NOT NULL', 'updated_at DATETIME NOT NULL', 'UNIQUE (signature, layer)'],
        '导入字段对照 / Field mappings remembered per source schema',
      );
    },
  },
  {
    version: 3,
    description: 'parcel search (FTS5 trigram), edit batches for undo/redo, append-only events, covering tally index',
    up(db) {
      // Search: an FTS5 trigram index (own copy of the text). Writers that lack FTS5 (another GIS's
      // SQLite) can still edit parcels: the triggers only queue the changed fids in a plain table,
      // and electron/core/search brings the index up to date before each search. The queue is
      // internal bookkeeping and deliberately not registered in gpkg_contents.
      db.exec(`
        CREATE VIRTUAL TABLE parcels_fts USING fts5(code, owner, town, address, tokenize = 'trigram');
        INSERT INTO parcels_fts (rowid, code, owner, town, address) SELECT fid, code, owner, town, address FROM parcels;
        CREATE TABLE parcels_search_pending (fid INTEGER PRIMARY KEY NOT NULL);
        CREATE TRIGGER parcels_search_ai AFTER INSERT ON parcels
        BEGIN INSERT OR IGNORE INTO parcels_search_pending (fid) VALUES (NEW.fid); END;
        CREATE TRIGGER parcels_search_au AFTER UPDATE OF fid, code, owner, town, address ON parcels
        BEGIN
          INSERT OR IGNORE INTO parcels_search_pending (fid) VALUES (OLD.fid);
          INSERT OR IGNORE INTO parcels_search_pending (fid) VALUES (NEW.fid);
        END;
        CREATE TRIGGER parcels_search_ad AFTER DELETE ON parcels
        BEGIN INSERT OR IGNORE INTO parcels_search_pending (fid) VALUES (OLD.fid); END;
      `);
      // Undo/redo state lives beside the audit log, which stays strictly append-only.
      createAttributeTable(
        db,
        'edit_batches',
        [
          'at DATETIME NOT NULL',
          'actor TEXT NOT NULL',
          "kind TEXT NOT NULL CHECK (kind IN ('edit', 'undo', 'redo'))",
          'target_batch INTEGER',
          "state TEXT CHECK (state IN ('applied', 'undone', 'discarded'))",
          'change_count INTEGER NOT NULL',
        ],
        '编辑批次(撤销/重做) / Edit batches (undo/redo)',
      );
      db.exec(`
        CREATE INDEX idx_edit_batches_state ON edit_batches(kind, state);
        CREATE INDEX idx_events_batch ON events(batch_id);
        CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'events is an append-only audit log'); END;
        CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'events is an append-only audit log'); END;
        DROP INDEX IF EXISTS idx_parcels_status_completed;
        CREATE INDEX idx_parcels_tally ON parcels(status, completed_on, block_code, town, method, area_m2);
      `);
    },
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
