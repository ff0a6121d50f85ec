import { useTranslation } from 'react-i18next';
import type { ParcelCard } from '../../../../shared/api/edit.js';
import { formatM2, formatMu } from '../../i18n/format.js';
import { formatDistance } from './card-format.js';

/** What hangs off a parcel: transfer records, standard factories and transport projects nearby. */
export function ParcelRelations({ card }: { card: ParcelCard }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <>
      <section className="card-section" data-testid="parcel-transfers">
        <h3 className="card-section-title">{t('parcel.transfers')}</h3>
        {card.transfers.length === 0 ? (
          <p className="card-empty">{t('parcel.noTransfers')}</p>
        ) : (
          <ul className="card-list">
            {card.transfers.map((r) => (
              <li key={r.fid} className="card-list-item">
                <div className="card-list-main">
                  <span className="mono">{r.contractDate ?? '—'}</span>
                  <span className="card-list-strong">{r.areaMu !== null ? `${formatMu(r.areaMu)} ${t('parcel.mu')}` : '—'}</span>
                </div>
                <div className="card-list-sub">
                  {[r.buyer, r.landUse, r.priceWan !== null ? t('parcel.price', { wan: formatM2(r.priceWan, lang) }) : null]
                    .filter(Boolean)
                    .join(' · ')}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card-section" data-testid="parcel-factories">
        <h3 className="card-section-title">{t('parcel.factories')}</h3>
        {card.factories.length === 0 ? (
          <p className="card-empty">{t('parcel.noFactories')}</p>
        ) : (
          <ul className="card-list">
            {card.factories.map((f) => (
              <li key={f.fid} className="card-list-item">
                <div className="card-list-main">
                  <span>{f.name ?? f.code ?? `#${f.fid}`}</span>
                  <span className="mono">{f.completedOn ?? '—'}</span>
                </div>
                {f.floorM2 !== null && <div className="card-list-sub">{t('parcel.floor', { m2: formatM2(f.floorM2, lang) })}</div>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card-section" data-testid="parcel-nearby">
        <h3 className="card-section-title">{t('parcel.nearby')}</h3>
        {card.nearbyTransport.length === 0 ? (
          <p className="card-empty">{t('parcel.noNearby')}</p>
        ) : (
          <ul className="card-list">
            {card.nearbyTransport.map((p) => (
              <li key={p.fid} className="card-list-item" data-testid="nearby-item">
                <div className="card-list-main">
                  <span>{p.name ?? p.code ?? `#${p.fid}`}</span>
                  <span className="card-distance">{formatDistance(p.distanceM)}</span>
                </div>
                <div className="card-list-sub">{[p.mode, p.stage].filter(Boolean).join(' · ')}</div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
