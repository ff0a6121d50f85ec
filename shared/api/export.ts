import { z } from 'zod';
import { ExportedFile } from './dashboard.js';
import { LayerFilter } from './layer-filter.js';
import { LayerId } from './layers.js';

/**
 * Export of a layer, or a selection of it, to a file other GIS read as it is (issue 5 item 8):
 * a zipped shapefile (.shp .shx .dbf .prj .cpg, attributes in GBK or UTF-8, coordinates in CGCS2000
 * lon/lat or 3° Gauss-Krüger CM 120°E) or GeoJSON (RFC 7946: UTF-8, lon/lat).
 */
export const LAYER_EXPORT_FORMATS = ['shapefile', 'geojson'] as const;
export const LayerExportFormat = z.enum(LAYER_EXPORT_FORMATS);
export type LayerExportFormat = z.infer<typeof LayerExportFormat>;

/** Attribute encoding of a shapefile's .dbf (announced in its .cpg; GBK also in the LDID byte 0x4D). */
export const EXPORT_ENCODINGS = ['gbk', 'utf-8'] as const;
export const ExportEncoding = z.enum(EXPORT_ENCODINGS);
export type ExportEncoding = z.infer<typeof ExportEncoding>;

/** EPSG:4490 CGCS2000 lon/lat (the project's own), or EPSG:4549 CGCS2000 3° Gauss-Krüger CM 120°E (metres). */
export const EXPORT_CRS = ['EPSG:4490', 'EPSG:4549'] as const;
export const ExportCrs = z.enum(EXPORT_CRS);
export type ExportCrs = z.infer<typeof ExportCrs>;

/** Attribute names: the project's column names (code, owner, …) or Chinese ones (地块编号, 权利人, …). */
export const ExportFieldNames = z.enum(['column', 'zh']);
export type ExportFieldNames = z.infer<typeof ExportFieldNames>;

export const ExportLayerInput = z
  .object({
    layer: LayerId,
    format: LayerExportFormat,
    /** Shapefiles only (GeoJSON is always UTF-8). Default GBK, what the bureau's ArcGIS expects. */
    encoding: ExportEncoding.optional(),
    /** Shapefiles only (GeoJSON is always lon/lat). Default EPSG:4490. */
    crs: ExportCrs.optional(),
    fieldNames: ExportFieldNames.default('column'),
    /** Only these features (e.g. the map selection); every fid must exist. */
    fids: z.array(z.number().int().positive()).min(1).optional(),
    /** Only the features passing this filter (ANDed with fids). */
    filter: LayerFilter.optional(),
  })
  .strict();
export type ExportLayerInput = z.input<typeof ExportLayerInput>;

/** One exported attribute: the project's column, the name written to the file, its type there. */
export const ExportField = z.object({
  column: z.string(),
  /** The name in the file; in a .dbf at most 10 bytes in its encoding, made unique. */
  name: z.string(),
  /** The full name it stands for (the column name or its Chinese label). */
  fullName: z.string(),
  /** dBASE type with width (C(12) text, N(18,12) number, D date) or the JSON type. */
  type: z.string(),
  truncated: z.boolean(),
});
export type ExportField = z.infer<typeof ExportField>;

export const ExportWarning = z.object({
  code: z.string(),
  message: z.string(),
  messageZh: z.string(),
  count: z.number().int().nonnegative(),
  /** fids of (the first 100) features concerned */
  fids: z.array(z.number().int()),
});
export type ExportWarning = z.infer<typeof ExportWarning>;

export const ExportLayerReport = z.object({
  layer: LayerId,
  format: LayerExportFormat,
  encoding: ExportEncoding,
  crs: ExportCrs,
  exported: z.number().int().nonnegative(),
  /** Σ unrounded ellipsoidal area of the exported features (polygon layers; 0 otherwise). */
  areaM2: z.number(),
  areaMu: z.number(),
  /** Σ geodesic length (line layers; 0 otherwise). */
  lengthM: z.number(),
  fields: z.array(ExportField),
  warnings: z.array(ExportWarning),
});
export type ExportLayerReport = z.infer<typeof ExportLayerReport>;

/** The file (base64, like exportDashboard) and what went into it. */
export const ExportLayerResult = ExportedFile.extend({ report: ExportLayerReport });
export type ExportLayerResult = z.infer<typeof ExportLayerResult>;
