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
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
