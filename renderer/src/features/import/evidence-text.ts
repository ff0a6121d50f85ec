import type { Locale } from '../../../../shared/api/settings.js';

/**
 * The core reports its encoding and CRS evidence in English (the CLI's language); the wizard names
 * the source in the interface language and keeps the specific evidence (a byte, a .cpg label, a
 * .prj name), so a land officer sees *why* — e.g. "GBK · 依据 DBF 语言驱动字节 LDID 0x4D".
 */
export function encodingSourceText(source: string | null, evidence: string | null, locale: Locale): string {
  const zh = locale === 'zh-CN';
  const ev = evidence ?? '';
  switch (source) {
    case 'ldid': {
      const byte = /0x[0-9a-f]{2}/i.exec(ev)?.[0] ?? '';
      return zh ? `依据 DBF 语言驱动字节 LDID ${byte}`.trim() : `from the DBF language driver byte LDID ${byte}`.trim();
    }
    case 'cpg': {
      const label = /"([^"]*)"/.exec(ev)?.[1];
      return zh ? `依据 .cpg 文件${label ? `(“${label}”)` : ''}` : `from the .cpg file${label ? ` ("${label}")` : ''}`;
    }
    case 'bom': {
      const kind = /UTF-16 (LE|BE)/i.exec(ev)?.[0] ?? 'UTF-8';
      return zh ? `依据文件开头的 ${kind} 字节顺序标记(BOM)` : `from the ${kind} byte-order mark at the start of the file`;
    }
    case 'user':
      return zh ? '用户指定' : 'chosen by you';
    case 'detected':
      return zh ? `自动检测:${detectedZh(ev)}` : `detected: ${ev}`;
    case 'ask':
      return zh ? '无法确定,请选择' : 'undecided — please choose';
    case null:
      return zh ? '无属性表编码(GeoJSON 为 UTF-8)' : 'no attribute encoding (GeoJSON is UTF-8)';
    default:
      return ev || (source ?? '');
  }
}

function detectedZh(ev: string): string {
  if (/ASCII/i.test(ev)) return '全部为 ASCII 字符';
  if (/^valid UTF-8/i.test(ev)) return '有效的 UTF-8 文本';
  if (/not UTF-8/i.test(ev)) return '不是 UTF-8,按 GBK 汉字统计判断';
  return ev;
}

/** "name "X" in parcels.prj (parameters agree)" → "依据 parcels.prj 中的坐标系名称 X(参数一致)". */
export function crsEvidenceText(evidence: string, locale: Locale): string {
  if (locale !== 'zh-CN') return evidence;
  const authority = /^AUTHORITY EPSG:(\d+) in (.+)$/.exec(evidence);
  if (authority) return `依据 ${authority[2]} 中的 AUTHORITY EPSG:${authority[1]}`;
  const named = /^name "([^"]*)" in (\S+)( \(parameters agree\))?$/.exec(evidence);
  if (named) return `依据 ${named[2]} 中的坐标系名称 ${named[1]}${named[3] ? '(参数一致)' : ''}`;
  if (/chosen by the user$/.test(evidence)) return '用户指定';
  if (/RFC 7946/.test(evidence)) return 'GeoJSON 无 crs 成员,按 RFC 7946 为经纬度(WGS84 ≈ CGCS2000)';
  const params = /^(.*) in (\S+\.prj)(;.*)?$/.exec(evidence);
  if (params) return `依据 ${params[2]} 中的投影参数(${params[1]})`;
  return evidence;
}
