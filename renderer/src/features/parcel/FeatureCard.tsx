import { useTranslation } from 'react-i18next';
import type { Feature } from '../../../../shared/api/geojson.js';
import { LAYER_LABELS, type LayerId } from '../../../../shared/api/layers.js';
import { fieldLabel, text } from './card-format.js';

const HIDDEN = new Set(['code', 'name', 'source_json']);

/** Any other feature (zone, platform, transport line, project): its attributes as stored. */
export function FeatureCard({ layer, feature }: { layer: LayerId; feature: Feature }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const p = feature.properties;
  const entries = Object.entries(p).filter(([k, v]) => !HIDDEN.has(k) && v !== null && v !== '');
  return (
    <article className="card" data-testid="feature-card" data-layer={layer}>
      <header className="card-head">
        <div className="card-kicker">{english ? LAYER_LABELS[layer].en : LAYER_LABELS[layer].zh}</div>
        <h2 className="card-title">
          {text(p['code']) && <span className="mono">{text(p['code'])} </span>}
          {text(p['name']) ?? (text(p['code']) ? '' : `#${feature.id}`)}
        </h2>
      </header>
      <dl className="facts">
        {entries.map(([k, v]) => (
          <FactRow key={k} label={fieldLabel(i18n, k)} value={typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(2) : String(v)} />
        ))}
        {entries.length === 0 && <dd className="muted">{t('parcel.none')}</dd>}
      </dl>
    </article>
  );
}

function FactRow({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}
