import { useTranslation } from 'react-i18next';
import type { CardParcel, FeatureCard } from '../../../../shared/api/feature-card.js';
import type { BBox } from '../../../../shared/api/geojson.js';
import { LAYER_LABELS, type LayerId } from '../../../../shared/api/layers.js';
import type { StatusDef } from '../../../../shared/api/settings.js';
import { m2ToMu } from '../../../../shared/domain/units.js';
import type { ApiClient } from '../../api/planner-bridge.js';
import { formatM2, formatMu } from '../../i18n/format.js';
import { fieldLabel } from '../parcel/card-format.js';
import { formatLength } from './measure-figures.js';
import { useFeatureCard } from './use-feature-card.js';

export interface MapFeatureCardProps {
  api: ApiClient;
  layer: LayerId;
  fid: number;
  /** The year remediated parcels count in (the tally's year). */
  year: number | undefined;
  statuses: readonly StatusDef[];
  /** Opens a parcel's card and moves the map to it. */
  onOpenParcel: (fid: number, bbox: BBox | null) => void;
  onFocus: (bbox: BBox) => void;
  /** Highlights parcels on the map (null clears); `label` says whose they are, `message` is the banner's sentence. */
  onHighlight: (highlight: { fids: number[]; label: string; message: string } | null) => void;
  /** The label of what the map highlights now (to show this card's button as on). */
  highlightLabel: string | null;
  report: (err: unknown) => void;
}

/** Shown as the card's own figures, not as attributes. */
const HIDDEN: ReadonlySet<string> = new Set(['area_m2', 'length_m']);
const HIDDEN_WITH_TARGET: ReadonlySet<string> = new Set([...HIDDEN, 'target_mu']);
/** Labels of feature columns the import's field list does not name. */
const OWN_LABELS: Readonly<Record<string, 'blockCard.startedOn'>> = { started_on: 'blockCard.startedOn' };

const RULE_KEY = { block_code: 'featureCard.ruleBlock', zone_code: 'featureCard.ruleZone', overlap: 'featureCard.ruleOverlap' } as const;

/**
 * The card of a key block, renewal zone, platform, transport line or project (DESIGN §5a right
 * dock), with figures from the core: a block's parcels, the year's remediated mu against its
 * target; the parcels listed (click → the parcel's card; the parcel's card links back) and
 * highlighted on the map on request.
 */
export function MapFeatureCard(props: MapFeatureCardProps) {
  const { api, layer, fid, year, report } = props;
  const { t, i18n } = useTranslation();
  const { card, loading } = useFeatureCard(api, layer, fid, year, report);
  if (!card) return <p className="inspector-loading">{loading ? t('inspector.loading') : ''}</p>;
  const english = i18n.language === 'en';
  const title = card.name ?? card.code ?? `#${card.fid}`;
  const label = t('featureCard.highlightLabel', { name: title });
  const isBlock = layer === 'key_blocks';
  return (
    <article className="card" data-testid={isBlock ? 'block-card' : 'feature-card'} data-layer={layer} data-fid={card.fid} data-code={card.code ?? ''}>
      <header className="card-head">
        <div className="card-kicker">{english ? LAYER_LABELS[layer].en : LAYER_LABELS[layer].zh}</div>
        <div className="card-title-row">
          <h2 className="card-title" data-testid="feature-card-title">
            {card.code && <span className="mono">{card.code} </span>}
            {card.name}
          </h2>
        </div>
        {card.bbox && (
          <button type="button" className="link-button" data-testid="feature-card-zoom" onClick={() => card.bbox && props.onFocus(card.bbox)}>
            {t('featureCard.zoomTo')}
          </button>
        )}
      </header>
      <OwnFigures card={card} />
      {card.parcels && <ParcelFigures card={card} label={label} {...props} />}
      <Attributes card={card} hidden={card.parcels?.targetMu != null ? HIDDEN_WITH_TARGET : HIDDEN} />
      {card.parcels && <ParcelList parcels={card.parcelList} statuses={props.statuses} english={english} onOpen={props.onOpenParcel} />}
    </article>
  );
}

function OwnFigures({ card }: { card: FeatureCard }) {
  const { t, i18n } = useTranslation();
  if (card.areaM2 === null && card.lengthM === null) return null;
  return (
    <dl className="facts">
      {card.areaM2 !== null && card.areaMu !== null && (
        <>
          <dt>{t('featureCard.area')}</dt>
          <dd className="num" data-testid="feature-area" data-m2={card.areaM2}>
            {formatM2(card.areaM2, i18n.language)} m² · <b>{formatMu(card.areaMu)}</b> {t('parcel.mu')}
          </dd>
        </>
      )}
      {card.lengthM !== null && (
        <>
          <dt>{t('featureCard.length')}</dt>
          <dd className="num" data-testid="feature-length" data-m={card.lengthM}>
            {formatLength(card.lengthM)}
          </dd>
        </>
      )}
    </dl>
  );
}

function ParcelFigures({ card, label, onHighlight, highlightLabel }: { card: FeatureCard; label: string } & MapFeatureCardProps) {
  const { t, i18n } = useTranslation();
  const p = card.parcels;
  if (!p) return null;
  const on = highlightLabel === label;
  const fids = card.parcelList.map((x) => x.fid);
  return (
    <section className="card-section" data-testid="feature-parcels" data-count={p.count} data-remediated-mu={p.remediatedMu} data-target-mu={p.targetMu ?? ''}>
      <dl className="facts">
        <dt>{t('featureCard.parcels')}</dt>
        <dd className="num" data-testid="feature-parcel-count">
          {t('featureCard.parcelCount', { count: p.count })} · {formatM2(p.areaM2, i18n.language)} m² · {formatMu(p.areaMu)} {t('parcel.mu')}
        </dd>
        <dt>{t('featureCard.remediated', { year: p.year })}</dt>
        <dd className="num" data-testid="feature-remediated">
          {t('featureCard.remediatedValue', { count: p.remediatedCount, mu: formatMu(p.remediatedMu) })}
        </dd>
        {p.targetMu !== null && (
          <>
            <dt>{t('featureCard.target')}</dt>
            <dd className="num" data-testid="feature-target">
              {formatMu(p.targetMu)} {t('parcel.mu')}
              {p.progress !== null && (
                <span className="tag" data-testid="feature-progress" data-progress={p.progress}>
                  {t('featureCard.progress')} {(p.progress * 100).toFixed(1)}%
                </span>
              )}
            </dd>
          </>
        )}
      </dl>
      <p className="card-note">{t(RULE_KEY[p.rule])}</p>
      {fids.length > 0 && (
        <button
          type="button"
          className={on ? 'btn btn-small btn-primary' : 'btn btn-small'}
          data-testid="feature-highlight"
          aria-pressed={on}
          onClick={() => onHighlight(on ? null : { fids, label, message: t('featureCard.highlighted', { label, count: fids.length }) })}
        >
          {on ? t('featureCard.hideParcels') : t('featureCard.showParcels')}
        </button>
      )}
    </section>
  );
}

function Attributes({ card, hidden }: { card: FeatureCard; hidden: ReadonlySet<string> }) {
  const { t, i18n } = useTranslation();
  const label = (k: string): string => {
    const own = OWN_LABELS[k];
    return own ? t(own) : fieldLabel(i18n, k);
  };
  const entries = Object.entries(card.attributes).filter(([k, v]) => v !== null && v !== '' && !hidden.has(k));
  if (entries.length === 0) return null;
  return (
    <section className="card-section">
      <h3 className="card-section-title">{t('featureCard.attributes')}</h3>
      <dl className="facts">
        {entries.map(([k, v]) => (
          <Fact key={k} label={label(k)} value={typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(2) : String(v)} />
        ))}
      </dl>
    </section>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}

function ParcelList({ parcels, statuses, english, onOpen }: { parcels: readonly CardParcel[]; statuses: readonly StatusDef[]; english: boolean; onOpen: (fid: number, bbox: BBox | null) => void }) {
  const { t } = useTranslation();
  const byValue = new Map(statuses.map((s) => [s.value, s] as const));
  return (
    <section className="card-section">
      <h3 className="card-section-title">
        {t('featureCard.list')}
        <span className="card-section-count">{parcels.length}</span>
      </h3>
      {parcels.length === 0 ? (
        <p className="card-empty">{t('featureCard.noParcels')}</p>
      ) : (
        <ul className="block-parcels" data-testid="block-parcels">
          {parcels.map((r) => {
            const def = r.status ? byValue.get(r.status) : undefined;
            return (
              <li key={r.fid}>
                <button type="button" className="block-parcel" data-testid="block-parcel" data-fid={r.fid} onClick={() => onOpen(r.fid, r.bbox)} title={`${r.code ?? ''} ${r.owner ?? ''}`}>
                  <span className="status-dot" style={{ background: def?.color ?? '#b0b0b0' }} title={english ? def?.labelEn : (r.status ?? '')} />
                  <span className="mono block-parcel-code">{r.code ?? `#${r.fid}`}</span>
                  <span className="block-parcel-owner">{r.owner ?? ''}</span>
                  <span className="num block-parcel-mu">{formatMu(m2ToMu(r.areaM2))}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
