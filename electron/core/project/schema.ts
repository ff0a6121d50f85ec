import type { GeometryKind, LayerId } from '../../../shared/api/layers.js';

/** Column types GeoPackage and GDAL understand without warnings. */
export type ColumnType = 'TEXT' | 'REAL' | 'INTEGER' | 'BOOLEAN' | 'DATE' | 'DATETIME';

export interface ColumnDef {
  name: string;
  type: ColumnType;
}

export interface LayerDef {
  id: LayerId;
  geometryKind: GeometryKind;
  columns: readonly ColumnDef[];
}

const T = (name: string): ColumnDef => ({ name, type: 'TEXT' });
const R = (name: string): ColumnDef => ({ name, type: 'REAL' });
const B = (name: string): ColumnDef => ({ name, type: 'BOOLEAN' });
const D = (name: string): ColumnDef => ({ name, type: 'DATE' });

/**
 * The feature tables (DESIGN §3). Geometry is stored in EPSG:4490 in column `geom`; every table
 * has `fid INTEGER PRIMARY KEY AUTOINCREMENT`. `source_json` keeps the imported attributes verbatim.
 */
export const LAYER_DEFS: Record<LayerId, LayerDef> = {
  parcels: {
    id: 'parcels',
    geometryKind: 'MULTIPOLYGON',
    columns: [
      T('code'), T('owner'), T('town'), T('address'), T('land_use'), T('tenure'), T('status'), T('method'),
      D('completed_on'), T('block_code'), T('zone_code'), B('straddles'), T('recorded_block'),
      R('stated_area_m2'), R('area_m2'), T('per_mu_class'), T('source_json'),
    ],
  },
  key_blocks: {
    id: 'key_blocks',
    geometryKind: 'MULTIPOLYGON',
    columns: [T('code'), T('name'), T('town'), R('target_mu'), D('started_on'), R('area_m2'), T('source_json')],
  },
  renewal_zones: {
    id: 'renewal_zones',
    geometryKind: 'MULTIPOLYGON',
    columns: [T('code'), T('name'), T('kind'), T('phase'), R('investment_yi'), R('area_m2'), T('source_json')],
  },
  platforms: {
    id: 'platforms',
    geometryKind: 'MULTIPOLYGON',
    columns: [T('code'), T('name'), T('level'), R('area_m2'), T('source_json')],
  },
  transport: {
    id: 'transport',
    geometryKind: 'MULTILINESTRING',
    columns: [T('code'), T('name'), T('mode'), T('stage'), T('target_stage'), R('length_m'), T('source_json')],
  },
  projects: {
    id: 'projects',
    geometryKind: 'POINT',
    columns: [T('code'), T('name'), T('industry'), R('investment_yi'), D('landed_on'), T('town'), T('source_json')],
  },
};
