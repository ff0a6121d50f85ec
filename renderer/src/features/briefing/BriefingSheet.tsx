import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { PaperSize } from '../../../../shared/api/briefing.js';
import { formatCount } from '../../i18n/format.js';
import { formatPercent } from '../dashboard/format.js';
import type { BriefingData, SheetModel } from './briefing-model.js';
import { BriefingTable } from './BriefingTable.js';
import { BlockTiles, GoalLegend, GoalTiles } from './KpiTiles.js';
import { LAYOUT_MM, MAP_FRAME_MM, mapFrameCssPx, paperScale } from './layout.js';
import { MapFrame } from './MapFrame.js';
import { MapLegend } from './MapLegend.js';
import type { MapSnapshot } from './print-map.js';

export interface BriefingSheetProps {
  sheet: SheetModel;
  data: BriefingData;
  paper: PaperSize;
  snapshot: MapSnapshot | undefined;
  mapFailed: boolean;
  onImageLoad?: () => void;
}

function ZoneFactsView({ sheet }: { sheet: SheetModel }) {
  const { t, i18n } = useTranslation();
  const zone = sheet.zone;
  if (!zone) return null;
  const parcels = sheet.statusCounts.reduce((s, c) => s + c.count, 0);
  return (
    <dl className="brief-facts" data-testid="briefing-zone">
      <dt>{t('briefing.zoneKind')}</dt>
      <dd>{zone.kind ?? '—'}</dd>
      <dt>{t('briefing.zonePhase')}</dt>
      <dd>{zone.phase ?? '—'}</dd>
      <dt>{t('briefing.zoneInvestment')}</dt>
      <dd>{zone.investmentYi === null ? '—' : zone.investmentYi.toFixed(2)}</dd>
      <dt>{t('briefing.zoneParcels')}</dt>
      <dd>{formatCount(parcels, i18n.language)}</dd>
    </dl>
  );
}

/**
 * One printed page (A4 landscape; A3 is the same layout scaled): header with the title, bureau,
 * as-of date and time progress; the map with legend, scale bar and north arrow; the figures —
 * the goals (or the block's own) with their colour legend, the block table — and the notes.
 */
export function BriefingSheet({ sheet, data, paper, snapshot, mapFailed, onImageLoad }: BriefingSheetProps) {
  const { t } = useTranslation();
  const { dashboard, info, settings } = data;
  const goals = dashboard.goals;
  const scale = paperScale(paper);
  const frame = mapFrameCssPx();
  const remediationGoal = goals.goals.find((g) => g.key === 'remediated_industrial_land');
  const outer: CSSProperties = { width: `${LAYOUT_MM.width * scale}mm`, height: `${LAYOUT_MM.height * scale}mm` };
  const inner: CSSProperties = scale === 1 ? {} : { transform: `scale(${scale})` };
  const fileName = info.path.split(/[\\/]/).pop() ?? info.name;
  return (
    <section className="brief-sheet" style={outer} data-testid="briefing-sheet" data-key={sheet.key} data-page={sheet.page}>
      <div className="brief-inner" style={inner}>
        <header className="brief-header">
          <div className="brief-heading">
            <h1 className="brief-title" data-testid="briefing-title">
              {t('briefing.title', { name: sheet.name })}
              {info.isSample && (
                <span className="brief-sample" data-testid="briefing-sample">
                  {t('briefing.sample')}
                </span>
              )}
            </h1>
            <p className="brief-subtitle">
              <span className="brief-bureau">{settings.briefing.bureau}</span>
              <span data-testid="briefing-sheet-asof">{t('briefing.asOf', { asOf: goals.asOf })}</span>
              <span>{t('briefing.timeProgress', { time: formatPercent(goals.timeProgress) })}</span>
            </p>
          </div>
          <span className="brief-year">{goals.year}</span>
        </header>
        <div className="brief-body">
          <div className="brief-left" style={{ width: `${MAP_FRAME_MM.width}mm` }}>
            <div style={{ height: `${MAP_FRAME_MM.height}mm` }}>
              <MapFrame snapshot={snapshot} widthPx={frame.width} failed={mapFailed} isSample={info.isSample} onImageLoad={onImageLoad} />
            </div>
            <MapLegend statuses={sheet.statusCounts} />
            {sheet.notes.trim() !== '' && (
              <div className="brief-notes" data-testid="briefing-notes">
                <span className="brief-notes-title">{t('briefing.notesTitle')}</span>
                <p>{sheet.notes}</p>
              </div>
            )}
          </div>
          <div className="brief-right">
            {sheet.block ? (
              <>
                <h2 className="brief-section">
                  {sheet.block.code} {sheet.name} · {t('briefing.blockTitle')}
                </h2>
                <BlockTiles block={sheet.block} report={goals} cityRemediatedMu={remediationGoal?.unit === '亩' ? remediationGoal.achieved : null} />
              </>
            ) : (
              <>
                {sheet.zone && (
                  <>
                    <h2 className="brief-section">
                      {sheet.zone.code} {sheet.zone.name} · {t('briefing.zoneTitle')}
                    </h2>
                    <ZoneFactsView sheet={sheet} />
                  </>
                )}
                <h2 className="brief-section">{sheet.zone ? t('briefing.cityGoalsTitle') : t('briefing.goalsTitle')}</h2>
                <GoalTiles report={goals} />
              </>
            )}
            <GoalLegend report={goals} />
            {/* A zone page has its facts and the city's goals; the block table would not fit beside them. */}
            {!sheet.zone && (
              <>
                <h2 className="brief-section">{t('briefing.blocksTitle')}</h2>
                <BriefingTable blocks={dashboard.blocks} unassigned={dashboard.unassigned} timeProgress={goals.timeProgress} current={sheet.block?.code ?? null} />
              </>
            )}
          </div>
        </div>
        <footer className="brief-footer">
          <span>{t('briefing.footer', { bureau: settings.briefing.bureau || '—', file: fileName })}</span>
          {info.isSample && <span className="brief-footer-sample">{t('briefing.sampleNote')}</span>}
          <span className="brief-page">{t('briefing.page', { page: sheet.page, pages: sheet.pages })}</span>
        </footer>
      </div>
    </section>
  );
}
