import { z } from 'zod';

/** The project's feature layers: one GeoPackage feature table each (DESIGN §3). */
export const LAYER_IDS = ['parcels', 'key_blocks', 'renewal_zones', 'platforms', 'transport', 'projects'] as const;
export const LayerId = z.enum(LAYER_IDS);
export type LayerId = z.infer<typeof LayerId>;

export const GeometryKind = z.enum(['POINT', 'LINESTRING', 'POLYGON', 'MULTIPOINT', 'MULTILINESTRING', 'MULTIPOLYGON', 'GEOMETRY']);
export type GeometryKind = z.infer<typeof GeometryKind>;

export const LayerInfo = z.object({
  id: LayerId,
  labelZh: z.string(),
  labelEn: z.string(),
  geometryKind: GeometryKind,
  featureCount: z.number().int().nonnegative(),
  /** [minLon, minLat, maxLon, maxLat], or null for an empty layer. */
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
});
export type LayerInfo = z.infer<typeof LayerInfo>;

export const LAYER_LABELS: Record<LayerId, { zh: string; en: string }> = {
  parcels: { zh: '工业用地地块', en: 'Industrial parcels' },
  key_blocks: { zh: '重点整治区块', en: 'Key remediation blocks' },
  renewal_zones: { zh: '城市更新片区', en: 'Urban renewal zones' },
  platforms: { zh: '产业平台', en: 'Industrial platforms' },
  transport: { zh: '交通项目', en: 'Transport projects' },
  projects: { zh: '重大项目', en: 'Major projects' },
};
