import '../briefing/briefing.css';
import './presentation.css';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPercent } from '../dashboard/format.js';
import { buildSheets, type BriefingData } from '../briefing/briefing-model.js';
import { BriefingTable } from '../briefing/BriefingTable.js';
import { BlockTiles, GoalLegend, GoalTiles } from '../briefing/KpiTiles.js';
import { MapFrame } from '../briefing/MapFrame.js';
import { MapLegend } from '../briefing/MapLegend.js';
import { useMapImages } from '../briefing/use-map-images.js';
import { usePrintMap } from '../briefing/use-print-map.js';
import { useSlideKeys } from './use-slide-keys.js';

export interface PresentationViewProps {
  data: BriefingData;
  onExit: () => void;
}

/** The map part of a slide, sized for the screen the presentation goes full screen on. */
function slideMapSize(): { width: number; height: number } {
  const w = window.screen?.width || window.innerWidth;
  const h = window.screen?.height || window.innerHeight;
  return { width: Math.round(w * 0.6), height: Math.round(h - 120) };
}

/**
 * 演示: full screen, the city overview and then each key block with its figures — the briefing's
 * pages as slides (the same sheets, numbers and map pictures). Arrows and PageUp/PageDown (what
 * presentation clickers send) turn the slides; Esc, or leaving full screen, ends it.
 */
export function PresentationView({ data, onExit }: PresentationViewProps) {
  const { t } = useTranslation();
  const root = useRef<HTMLDivElement>(null);
  const goals = data.dashboard.goals;
  const slides = useMemo(
    () => buildSheets({ kind: 'atlas', extent: { kind: 'city' }, year: goals.year, asOf: goals.asOf, paper: 'A4', notes: '' }, data),
    [data, goals.year, goals.asOf],
  );
  const [size] = useState(slideMapSize);
  const map = usePrintMap({ statuses: data.settings.statuses, tiled: data.tiled, ...size, pixelRatio: window.devicePixelRatio || 1 });
  const maps = useMapImages(slides, data.layers, map);
  const [index, setIndex] = useState(0);
  const count = slides.length;
  const figures = useRef<HTMLDivElement>(null);
  const [zoom, setZoom] = useState(1);
  const zoomRef = useRef(1);

  const exit = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    onExit();
  }, [onExit]);
  const keys = useMemo(
    () => ({
      next: () => setIndex((i) => Math.min(count - 1, i + 1)),
      prev: () => setIndex((i) => Math.max(0, i - 1)),
      first: () => setIndex(0),
      last: () => setIndex(count - 1),
      exit,
    }),
    [count, exit],
  );
  useSlideKeys(keys);

  useEffect(() => {
    const el = root.current;
    // Full screen needs the click that opened the presentation; where it is refused, the overlay still fills the window.
    el?.requestFullscreen?.().catch(() => undefined);
    const onChange = (): void => {
      if (!document.fullscreenElement) onExit();
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, [onExit]);

  // The figures are the briefing's (sized in millimetres): enlarged to fill the column, never cut off.
  useLayoutEffect(() => {
    const el = figures.current;
    if (!el) return undefined;
    const fit = (): void => {
      const content = el.firstElementChild as HTMLElement | null;
      if (!content) return;
      // The drawn height includes the zoom in force: divide it out for the height at 1.
      const natural = content.getBoundingClientRect().height / zoomRef.current;
      const available = el.clientHeight;
      if (natural <= 0 || available <= 0) return;
      zoomRef.current = Math.max(0.6, Math.min(1.8, (available - 4) / natural));
      setZoom(zoomRef.current);
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(el);
    return () => observer.disconnect();
  }, [index]);

  const slide = slides[index];
  if (!slide) return null;
  const remediation = goals.goals.find((g) => g.key === 'remediated_industrial_land');
  return (
    <div className="presentation" ref={root} data-testid="presentation" data-slide={index} data-key={slide.key} role="dialog" aria-label={t('briefing.presentation.title')}>
      <header className="slide-header">
        <h1 className="slide-title" data-testid="slide-title">
          {t('briefing.title', { name: slide.name })}
          {data.info.isSample && <span className="slide-sample">{t('briefing.sample')}</span>}
        </h1>
        <span className="slide-meta">
          {data.settings.briefing.bureau} · {t('briefing.asOf', { asOf: goals.asOf })} · {t('briefing.timeProgress', { time: formatPercent(goals.timeProgress) })}
        </span>
      </header>
      <div className="slide-body">
        <div className="slide-map" style={{ aspectRatio: `${size.width} / ${size.height}` }}>
          <MapFrame snapshot={maps.images.get(slide.key)} widthPx={size.width} failed={maps.error !== null} isSample={data.info.isSample} />
        </div>
        <div className="slide-figures" ref={figures}>
          <div className="slide-figures-content" style={{ zoom }}>
          {slide.block ? (
            <BlockTiles block={slide.block} report={goals} cityRemediatedMu={remediation?.unit === '亩' ? remediation.achieved : null} />
          ) : (
            <GoalTiles report={goals} />
          )}
          <GoalLegend report={goals} />
          <MapLegend statuses={slide.statusCounts} />
          {!slide.block && <BriefingTable blocks={data.dashboard.blocks} unassigned={data.dashboard.unassigned} timeProgress={goals.timeProgress} />}
          </div>
        </div>
      </div>
      <footer className="slide-footer">
        <button type="button" className="slide-nav" data-testid="slide-prev" onClick={keys.prev} disabled={index === 0} aria-label={t('briefing.presentation.prev')}>
          ‹
        </button>
        <span className="slide-count" data-testid="slide-count">
          {t('briefing.presentation.slide', { n: index + 1, total: count })}
        </span>
        <button type="button" className="slide-nav" data-testid="slide-next" onClick={keys.next} disabled={index === count - 1} aria-label={t('briefing.presentation.next')}>
          ›
        </button>
        <span className="slide-hint">{t('briefing.presentation.hint')}</span>
        <button type="button" className="slide-exit" data-testid="slide-exit" onClick={exit}>
          {t('briefing.presentation.exit')}
        </button>
      </footer>
    </div>
  );
}
