import { roundTo } from '../../shared/domain/units.js';
import { goalsHumanLines } from './goals-print.js';

/** Human-readable CLI output (Chinese first); --json prints the raw object instead. */
export function printHuman(command: string, result: unknown): void {
  const r = result as Record<string, unknown>;
  const out: string[] = [];
  const mu = (v: unknown): string => (typeof v === 'number' ? roundTo(v, 2).toFixed(2) : String(v));
  const m2 = (v: unknown): string => (typeof v === 'number' ? roundTo(v, 2).toFixed(2) : String(v));
  if (command === 'import' || command === 'check') {
    out.push(`文件 file: ${String(r['file'])}  图层 layer: ${String(r['layer'])}`);
    out.push(`编码 encoding: ${String(r['encoding'])} (${String(r['encodingSource'])}: ${String(r['encodingEvidence'])})`);
    out.push(`坐标系 CRS: ${String(r['crs'])} (${String(r['crsEvidence'])})`);
    out.push(`${command === 'import' ? '已导入 imported' : '有效 valid'}: ${String(r['imported'] ?? r['valid'])}  面积 area: ${m2(r['areaM2'])} m² = ${mu(r['areaMu'])} 亩`);
    const invalid = (r['invalid'] as unknown[] | undefined) ?? [];
    if (invalid.length > 0) out.push(`几何无效 invalid: ${invalid.length}`);
    const mism = (r['areaMismatches'] as unknown[] | undefined) ?? [];
    if (mism.length > 0) out.push(`面积差异 > 0.5 % area mismatches: ${mism.length}`);
    for (const w of (r['warnings'] as { messageZh: string; count: number }[] | undefined) ?? []) out.push(`提示 warning: ${w.messageZh} ×${w.count}`);
  } else if (command === 'tally') {
    out.push(`${String(r['year'])} 年已整治 remediated, by ${String(r['by'])}`);
    for (const row of (r['rows'] as { key: string | null; label: string | null; count: number; areaM2: number; areaMu: number }[]) ?? []) {
      out.push(`  ${row.key ?? '(未归属 none)'}${row.label && row.label !== row.key ? ` ${row.label}` : ''}\t${row.count} 宗\t${m2(row.areaM2)} m²\t${mu(row.areaMu)} 亩`);
    }
    const t = r['total'] as { count: number; areaM2: number; areaMu: number };
    out.push(`  合计 total\t${t.count} 宗\t${m2(t.areaM2)} m²\t${mu(t.areaMu)} 亩`);
  } else if (command === 'goals' || command === 'goal-set' || command === 'sample') {
    out.push(...goalsHumanLines(command, result));
  } else {
    out.push(JSON.stringify(result, null, 2));
  }
  process.stdout.write(`${out.join('\n')}\n`);
}
