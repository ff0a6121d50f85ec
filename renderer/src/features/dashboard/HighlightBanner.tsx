import { useTranslation } from 'react-i18next';

export interface MapHighlight {
  fids: number[];
  label: string;
  /** The banner's own sentence (a block's card highlights all its parcels, not the remediated ones). */
  message?: string;
}

/** Over the map after a drill-down: what is highlighted, and a way to clear it. */
export function HighlightBanner({ highlight, onClear }: { highlight: MapHighlight; onClear: () => void }) {
  const { t } = useTranslation();
  const count = highlight.fids.length;
  return (
    <div className="map-highlight-banner" data-testid="map-highlight" data-count={count} role="status">
      <span className="highlight-swatch" aria-hidden="true" />
      {highlight.message ?? (count > 0 ? t('dashboard.highlight', { label: highlight.label, count }) : t('dashboard.highlightNone', { label: highlight.label }))}
      <button type="button" className="link-button" data-testid="clear-highlight" onClick={onClear}>
        {t('dashboard.clearHighlight')}
      </button>
    </div>
  );
}
