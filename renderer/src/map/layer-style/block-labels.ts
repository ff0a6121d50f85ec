import type { ExpressionSpecification } from 'maplibre-gl';
import type { FeatureCollection } from '../../../../shared/api/geojson.js';
import type { TallyResult } from '../../../../shared/api/import.js';
import type { Locale } from '../../../../shared/api/settings.js';

/**
 * Key block labels: the name, and under it "remediated / target 亩" — the remediated figure from
 * the core's tally by block for the chosen year (the same number as the tally panel and the CLI),
 * the target from the block's own target_mu. Keyed by feature id: the label points carry the
 * block's fid (label-points.ts).
 */
export function blockLabelTexts(blocks: FeatureCollection | undefined, tally: TallyResult | null, locale: Locale): Map<number, string> {
  const texts = new Map<number, string>();
  if (!blocks || !tally || tally.by !== 'block') return texts;
  const remediated = new Map(tally.rows.map((r) => [r.key, r.areaMu] as const));
  const format = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const unit = locale === 'en' ? 'mu' : '亩';
  for (const f of blocks.features) {
    const code = f.properties['code'];
    if (typeof f.id !== 'number' || typeof code !== 'string') continue;
    const target = f.properties['target_mu'];
    const done = format.format(remediated.get(code) ?? 0);
    texts.set(f.id, typeof target === 'number' ? `${done} / ${format.format(target)} ${unit}` : `${done} ${unit}`);
  }
  return texts;
}

/** The label's text-field: the name, and the figures in a smaller second line. */
export function blockLabelField(texts: ReadonlyMap<number, string>): ExpressionSpecification {
  const name: ExpressionSpecification = ['to-string', ['coalesce', ['get', 'name'], '']];
  if (texts.size === 0) return ['format', name, {}];
  const branches = [...texts].flatMap(([id, text]) => [String(id), text]);
  const figures = ['match', ['to-string', ['id']], ...branches, ''] as unknown as ExpressionSpecification;
  return ['format', name, {}, '\n', {}, figures, { 'font-scale': 0.82 }];
}
