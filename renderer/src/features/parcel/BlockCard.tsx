import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Feature, FeatureCollection } from '../../../../shared/api/geojson.js';
import type { StatusDef } from '../../../../shared/api/settings.js';
import { m2ToMu } from '../../../../shared/domain/units.js';
import { formatMu } from '../../i18n/format.js';
import { text } from './card-format.js';

export interface BlockCardProps {
  block: Feature;
  parcels: FeatureCollection | undefined;
  statuses: readonly StatusDef[];
  onOpenParcel: (fid: number) => void;
}

interface Row {
  fid: number;
  code: string;
  owner: string;
  status: string | null;
  areaM2: number;
}

/** A key block and its parcels (by the block each parcel lies in); a click opens the parcel's card. */
export function BlockCard({ block, parcels, statuses, onOpenParcel }: BlockCardProps) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const p = block.properties;
  const code = text(p['code']) ?? '';
  const rows = useMemo(() => parcelsOf(parcels, code), [parcels, code]);
  const colour = useMemo(() => new Map(statuses.map((s) => [s.value, s] as const)), [statuses]);
  const doneM2 = rows.reduce((sum, r) => (r.status && colour.get(r.status)?.done ? sum + r.areaM2 : sum), 0);
  const targetMu = typeof p['target_mu'] === 'number' ? p['target_mu'] : null;
  return (
    <article className="card" data-testid="block-card" data-code={code}>
      <header className="card-head">
        <div className="card-kicker">{t('inspector.block')}</div>
        <div className="card-title-row">
          <h2 className="card-title">
            <span className="mono">{code}</span> {text(p['name'])}
          </h2>
        </div>
      </header>
      <dl className="facts">
        <dt>{t('blockCard.town')}</dt>
        <dd>{text(p['town']) ?? <span className="muted">{t('parcel.none')}</span>}</dd>
        <dt>{t('blockCard.target')}</dt>
        <dd>{targetMu !== null ? `${formatMu(targetMu)} ${t('parcel.mu')}` : <span className="muted">{t('parcel.none')}</span>}</dd>
        <dt>{t('blockCard.startedOn')}</dt>
        <dd>{text(p['started_on']) ?? <span className="muted">{t('parcel.none')}</span>}</dd>
      </dl>
      <section className="card-section">
        <h3 className="card-section-title">
          {t('blockCard.parcels', { count: rows.length })}
          <span className="card-section-note">{t('blockCard.remediated', { mu: formatMu(m2ToMu(doneM2)) })}</span>
        </h3>
        <ul className="block-parcels" data-testid="block-parcels">
          {rows.map((r) => {
            const def = r.status ? colour.get(r.status) : undefined;
            return (
              <li key={r.fid}>
                <button
                  type="button"
                  className="block-parcel"
                  data-testid="block-parcel"
                  data-fid={r.fid}
                  onClick={() => onOpenParcel(r.fid)}
                  title={`${r.code} ${r.owner}`}
                >
                  <span className="status-dot" style={{ background: def?.color ?? '#b0b0b0' }} title={english ? def?.labelEn : (r.status ?? '')} />
                  <span className="mono block-parcel-code">{r.code}</span>
                  <span className="block-parcel-owner">{r.owner}</span>
                  <span className="num block-parcel-mu">{formatMu(m2ToMu(r.areaM2))}</span>
                </button>
              </li>
            );
          })}
        </ul>
      </section>
    </article>
  );
}

function parcelsOf(parcels: FeatureCollection | undefined, code: string): Row[] {
  if (!parcels || code === '') return [];
  return parcels.features
    .filter((f) => f.properties['block_code'] === code)
    .map((f) => ({
      fid: f.id,
      code: text(f.properties['code']) ?? `#${f.id}`,
      owner: text(f.properties['owner']) ?? '',
      status: text(f.properties['status']),
      areaM2: typeof f.properties['area_m2'] === 'number' ? f.properties['area_m2'] : 0,
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
}
