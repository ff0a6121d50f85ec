import { useTranslation } from 'react-i18next';
import { formatCount, formatMu } from '../../i18n/format.js';
import type { Tally } from './use-tally.js';

/** 年度整治面积: remediated parcels completed in the year, by key block, in 亩 to 0.01. */
export function TallyPanel({ tally }: { tally: Tally }) {
  const { t, i18n } = useTranslation();
  const { result, year, years, setYear, loading } = tally;
  const lang = i18n.language;
  const current = result && result.year === year ? result : null;
  return (
    <section className="panel tally-panel" data-testid="tally-panel" aria-busy={loading}>
      <div className="panel-head">
        <h2 className="panel-title">{t('tally.title')}</h2>
        <select
          className="year-select"
          data-testid="tally-year"
          aria-label={t('tally.year')}
          value={year}
          onChange={(e) => setYear(Number(e.target.value))}
        >
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      {current && (
        <div className="tally-summary" data-testid="tally-summary">
          <span className="muted">{t('tally.summary', { year: current.year })}</span>
          <span>
            <b>{formatMu(current.total.areaMu)}</b> {t('tally.mu')} · {t('tally.countValue', { count: current.total.count })}
          </span>
        </div>
      )}
      {!current ? (
        <p className="panel-note muted">{t('tally.loading')}</p>
      ) : (
        <table className="tally-table">
          <thead>
            <tr>
              <th>{t('tally.block')}</th>
              <th className="num">{t('tally.count')}</th>
              <th className="num">{t('tally.mu')}</th>
            </tr>
          </thead>
          <tbody>
            {current.rows.length === 0 && (
              <tr>
                <td colSpan={3} className="muted">
                  {t('tally.empty')}
                </td>
              </tr>
            )}
            {current.rows.map((r) => (
              <tr key={r.key ?? ''} data-testid="tally-row" data-key={r.key ?? ''}>
                <td className="tally-label" title={r.key ?? undefined}>
                  {r.key === null ? (
                    <span className="muted">{t('tally.unassigned')}</span>
                  ) : (
                    <>
                      <span className="mono tally-code">{r.key}</span> {r.label && r.label !== r.key ? r.label : ''}
                    </>
                  )}
                </td>
                <td className="num">{formatCount(r.count, lang)}</td>
                <td className="num">{formatMu(r.areaMu)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr data-testid="tally-total">
              <td>{t('tally.total')}</td>
              <td className="num" data-testid="tally-total-count">
                {formatCount(current.total.count, lang)}
              </td>
              <td className="num" data-testid="tally-total-mu" data-mu={current.total.areaMu}>
                {formatMu(current.total.areaMu)}
              </td>
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}
