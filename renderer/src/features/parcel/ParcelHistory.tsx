import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '../../../../shared/api/edit.js';
import { fieldLabel, formatTimestamp } from './card-format.js';

/** The parcel's audit trail, newest first: time, who, field, old → new; undo and redo marked. */
export function ParcelHistory({ history }: { history: readonly HistoryEntry[] }) {
  const { t, i18n } = useTranslation();
  const entries = [...history].sort((a, b) => b.eventId - a.eventId);
  return (
    <section className="card-section" data-testid="parcel-history">
      <h3 className="card-section-title">
        {t('parcel.history')}
        {entries.length > 0 && <span className="card-section-count">{entries.length}</span>}
      </h3>
      {entries.length === 0 ? (
        <p className="card-empty">{t('parcel.noHistory')}</p>
      ) : (
        <ol className="timeline">
          {entries.map((e) => (
            <li
              key={e.eventId}
              className={`timeline-item timeline-${e.kind}${e.undone ? ' timeline-undone' : ''}`}
              data-testid="history-entry"
              data-kind={e.kind}
              data-field={e.field ?? ''}
              data-undone={e.undone}
            >
              <div className="timeline-meta">
                <span className={`timeline-kind kind-${e.kind}`}>{t(`history.kinds.${e.kind}`)}</span>
                <span className="timeline-time">{formatTimestamp(e.at)}</span>
                <span className="timeline-actor">{e.actor}</span>
                {e.undone && <span className="timeline-undone-tag">{t('history.undone')}</span>}
              </div>
              <div className="timeline-change">
                <span className="timeline-field">{fieldLabel(i18n, e.field)}</span>
                <span className="timeline-old">{e.old ?? t('history.empty')}</span>
                <span className="timeline-arrow" aria-hidden="true">→</span>
                <span className="timeline-new">{e.new ?? t('history.empty')}</span>
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
