import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PAPER_SIZES, type BriefingExtent, type PaperSize } from '../../../../shared/api/briefing.js';
import type { BriefingData } from './briefing-model.js';

export interface BriefingChoice {
  extent: BriefingExtent;
  year: number;
  asOf: string;
  paper: PaperSize;
  notes: string;
}

export interface BriefingControlsProps {
  data: BriefingData;
  choice: BriefingChoice;
  busy: boolean;
  onExtent(extent: BriefingExtent): void;
  onYear(year: number): void;
  onAsOf(asOf: string): void;
  onPaper(paper: PaperSize): void;
  onNotes(notes: string): void;
  onBureau(bureau: string): void;
  onExport(kind: 'page' | 'atlas', format: 'pdf' | 'png'): void;
  onPresent(): void;
  onBack(): void;
}

function extentValue(e: BriefingExtent): string {
  return e.kind === 'city' ? 'city' : `${e.kind}:${e.code}`;
}

function parseExtent(value: string): BriefingExtent {
  const [kind, ...rest] = value.split(':');
  const code = rest.join(':');
  if (kind === 'block' && code) return { kind: 'block', code };
  if (kind === 'zone' && code) return { kind: 'zone', code };
  return { kind: 'city' };
}

/** The briefing's choices: extent, year and date, paper, bureau, notes; and the export buttons. */
export function BriefingControls(props: BriefingControlsProps) {
  const { data, choice, busy } = props;
  const { t } = useTranslation();
  const [bureau, setBureau] = useState(data.settings.briefing.bureau);
  useEffect(() => setBureau(data.settings.briefing.bureau), [data.settings.briefing.bureau]);
  const zones = (data.layers.renewal_zones?.features ?? [])
    .map((f) => ({ code: f.properties['code'], name: f.properties['name'] }))
    .filter((z): z is { code: string; name: string | null } => typeof z.code === 'string' && z.code !== '')
    .sort((a, b) => a.code.localeCompare(b.code));
  const year = choice.year;
  return (
    <div className="briefing-controls" data-testid="briefing-controls">
      <label className="briefing-field">
        <span>{t('briefing.controls.extent')}</span>
        <select data-testid="briefing-extent" value={extentValue(choice.extent)} onChange={(e) => props.onExtent(parseExtent(e.target.value))}>
          <option value="city">
            {t('briefing.controls.city')} · {data.settings.briefing.city}
          </option>
          <optgroup label={t('briefing.controls.blocks')}>
            {data.dashboard.blocks.map((b) => (
              <option key={b.code} value={`block:${b.code}`}>
                {b.code} {b.name ?? ''}
              </option>
            ))}
          </optgroup>
          {zones.length > 0 && (
            <optgroup label={t('briefing.controls.zones')}>
              {zones.map((z) => (
                <option key={z.code} value={`zone:${z.code}`}>
                  {z.code} {z.name ?? ''}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </label>
      <label className="briefing-field">
        <span>{t('briefing.controls.year')}</span>
        <select data-testid="briefing-year" value={year} onChange={(e) => props.onYear(Number(e.target.value))}>
          {data.dashboard.years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </label>
      <label className="briefing-field">
        <span>{t('briefing.controls.asOf')}</span>
        <input type="date" data-testid="briefing-asof" value={choice.asOf} min={`${year}-01-01`} max={`${year}-12-31`} onChange={(e) => props.onAsOf(e.target.value)} />
      </label>
      <label className="briefing-field">
        <span>{t('briefing.controls.paper')}</span>
        <select data-testid="briefing-paper" value={choice.paper} onChange={(e) => props.onPaper(e.target.value as PaperSize)}>
          {PAPER_SIZES.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <label className="briefing-field">
        <span>{t('briefing.controls.bureau')}</span>
        <input
          type="text"
          data-testid="briefing-bureau"
          value={bureau}
          maxLength={60}
          onChange={(e) => setBureau(e.target.value)}
          onBlur={() => bureau !== data.settings.briefing.bureau && props.onBureau(bureau)}
          onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
        />
      </label>
      <label className="briefing-field briefing-notes">
        <span>{t('briefing.controls.notes')}</span>
        <textarea data-testid="briefing-notes-input" value={choice.notes} maxLength={2000} placeholder={t('briefing.controls.notesPlaceholder')} onChange={(e) => props.onNotes(e.target.value)} />
      </label>
      <div className="briefing-actions">
        <button type="button" className="briefing-button primary" data-testid="briefing-export-pdf" disabled={busy} onClick={() => props.onExport('page', 'pdf')}>
          {t('briefing.controls.exportPdf')}
        </button>
        <button type="button" className="briefing-button" data-testid="briefing-export-png" disabled={busy} onClick={() => props.onExport('page', 'png')}>
          {t('briefing.controls.exportPng')}
        </button>
        <button type="button" className="briefing-button" data-testid="briefing-export-atlas" disabled={busy} onClick={() => props.onExport('atlas', 'pdf')}>
          {t('briefing.controls.atlas')}
        </button>
        <button type="button" className="briefing-button" data-testid="briefing-present" onClick={props.onPresent}>
          {t('briefing.controls.present')}
        </button>
        <button type="button" className="briefing-button" data-testid="briefing-back" onClick={props.onBack}>
          {t('briefing.controls.back')}
        </button>
      </div>
    </div>
  );
}
