import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Edit, EditResult, ParcelCard } from '../../../../shared/api/edit.js';
import type { Settings } from '../../../../shared/api/settings.js';
import { formatM2, formatMu } from '../../i18n/format.js';
import { ParcelEditForm } from './ParcelEditForm.js';
import { ParcelHistory } from './ParcelHistory.js';
import { ParcelRelations } from './ParcelRelations.js';
import { StatusChip } from './StatusChip.js';

export interface ParcelCardViewProps {
  card: ParcelCard;
  settings: Settings;
  apply: (edits: Edit[]) => Promise<EditResult>;
  /** Opens the block's card (from a parcel to its block's parcels). */
  onOpenBlock: (code: string) => void;
}

/** The parcel card (DESIGN §5a right dock): who, where, how big, its status and everything that happened to it. */
export function ParcelCardView({ card, settings, apply, onOpenBlock }: ParcelCardViewProps) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const lang = i18n.language;
  const { area } = card;
  const methodLabel = english ? (settings.methods.find((m) => m.value === card.method)?.labelEn ?? card.method) : card.method;
  return (
    <article className="card" data-testid="parcel-card" data-fid={card.fid} data-code={card.code}>
      <header className="card-head">
        <div className="card-kicker">{t('inspector.parcel')}</div>
        <div className="card-title-row">
          <h2 className="card-title mono" data-testid="parcel-code">
            {card.code}
          </h2>
          <StatusChip status={card.status} statuses={settings.statuses} english={english} />
        </div>
        {card.owner && <div className="card-subtitle">{card.owner}</div>}
      </header>

      <dl className="facts">
        <Fact label={t('parcel.town')}>{card.town}</Fact>
        <Fact label={t('parcel.address')}>{card.address}</Fact>
        <Fact label={t('parcel.block')}>
          {card.block ? (
            <button type="button" className="link-button" data-testid="parcel-block-link" onClick={() => onOpenBlock(card.block?.code ?? '')} title={t('parcel.goToBlock', { code: card.block.code })}>
              <span className="mono">{card.block.code}</span> {card.block.name}
            </button>
          ) : (
            <span className="muted">{t('parcel.noBlock')}</span>
          )}
          {card.straddles && <span className="tag tag-warn">{t('parcel.straddles')}</span>}
          {card.recordedBlock && card.recordedBlock !== card.block?.code && (
            <span className="tag">{t('parcel.recordedBlock', { code: card.recordedBlock })}</span>
          )}
        </Fact>
        <Fact label={t('parcel.zone')}>{card.zone ? `${card.zone.code} ${card.zone.name ?? ''}` : null}</Fact>
        <Fact label={t('parcel.landUse')}>{[card.landUse, card.tenure].filter(Boolean).join(' · ') || null}</Fact>
        <Fact label={t('parcel.computedArea')}>
          <span className="num" data-testid="parcel-area" data-mu={area.computedMu} data-m2={area.computedM2}>
            {formatM2(area.computedM2, lang)} m² · <b>{formatMu(area.computedMu)}</b> {t('parcel.mu')}
          </span>
        </Fact>
        <Fact label={t('parcel.statedArea')}>
          {area.statedM2 !== null && (
            <span className="num">
              {formatM2(area.statedM2, lang)} m²
              {area.statedMu !== null && ` · ${formatMu(area.statedMu)} ${t('parcel.mu')}`}
              {area.differencePct !== null && (
                <span
                  className={area.flagged ? 'tag tag-warn' : 'tag'}
                  data-testid="area-difference"
                  data-flagged={area.flagged}
                  title={area.flagged ? t('parcel.differenceFlag') : undefined}
                >
                  {t('parcel.difference', { pct: (area.differencePct > 0 ? '+' : '') + area.differencePct.toFixed(2) })}
                </span>
              )}
            </span>
          )}
        </Fact>
        <Fact label={t('parcel.method')}>{methodLabel}</Fact>
        <Fact label={t('parcel.completedOn')}>{card.completedOn && <span className="mono">{card.completedOn}</span>}</Fact>
        <Fact label={t('parcel.perMuClass')}>{card.perMuClass && <span className={`class-badge class-${card.perMuClass}`}>{card.perMuClass}</span>}</Fact>
      </dl>

      <ParcelEditForm card={card} settings={settings} apply={apply} />
      <ParcelHistory history={card.history} />
      <ParcelRelations card={card} />
    </article>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation();
  const empty = children === null || children === undefined || children === '' || children === false;
  return (
    <>
      <dt>{label}</dt>
      <dd>{empty ? <span className="muted">{t('parcel.none')}</span> : children}</dd>
    </>
  );
}
