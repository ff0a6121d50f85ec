import type { ExportLayerReport } from '../../../shared/api/export.js';
import { LAYER_LABELS } from '../../../shared/api/layers.js';
import type { CrsDef } from '../../../shared/geo/proj-defs.js';

/**
 * The text file that goes into the zip beside the shapefile: every .dbf field's short name with the
 * full name it stands for (names are cut to 10 bytes), plus encoding and CRS. UTF-8 with a BOM so
 * Windows Notepad shows the Chinese. GDAL and QGIS ignore a .txt beside a shapefile.
 */
export function fieldsReadme(report: ExportLayerReport, crs: CrsDef): string {
  const label = LAYER_LABELS[report.layer];
  const lines = [
    `${label.zh} ${label.en} (${report.layer}) — ${report.exported} 个要素 features`,
    `编码 encoding: ${report.encoding === 'gbk' ? 'GBK (.cpg "GBK", LDID 0x4D)' : 'UTF-8 (.cpg "UTF-8")'}`,
    `坐标系 CRS: ${report.crs} ${crs.nameZh} / ${crs.name}`,
    '',
    '字段对照 Fields (.dbf 字段名最多 10 字节 / names are at most 10 bytes)',
    ['字段 field', '全称 full name', '图层列 column', '类型 type'].join('\t'),
    ...report.fields.map((f) => [f.name, f.fullName, f.column, f.type].join('\t')),
    ...(report.fields.some((f) => f.column === 'area_m2') ? ['', 'area_m2: 椭球面积(CGCS2000,平方米,未取整) ellipsoidal area in m², unrounded; mu: 亩 = m² × 15 / 10000'] : []),
  ];
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
