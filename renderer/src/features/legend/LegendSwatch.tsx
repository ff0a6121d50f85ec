import type { CSSProperties } from 'react';
import { hatchBackground } from './hatch-swatch.js';
import type { LegendSymbol } from './legend-model.js';

const LINE_WIDTH = 3;

/** A legend symbol drawn as the map draws it: fill, hatch image, dashed line or outline, dot. */
export function LegendSwatch({ symbol }: { symbol: LegendSymbol }) {
  switch (symbol.kind) {
    case 'fill':
      return <span className="swatch swatch-fill" data-color={symbol.color} style={{ '--swatch': symbol.color } as CSSProperties} />;
    case 'hatch':
      return (
        <span
          className="swatch swatch-fill swatch-hatch"
          data-color={symbol.color}
          style={{ '--swatch': 'transparent', backgroundImage: hatchBackground(symbol.color), borderColor: symbol.color } as CSSProperties}
        />
      );
    case 'line':
      return (
        <svg className="swatch swatch-svg" viewBox="0 0 22 12" data-color={symbol.color} aria-hidden="true">
          <line x1="1" y1="6" x2="21" y2="6" stroke={symbol.color} strokeWidth={LINE_WIDTH} strokeDasharray={dashArray(symbol.dash, LINE_WIDTH)} />
        </svg>
      );
    case 'outline': {
      const width = Math.min(symbol.width ?? 2, 3);
      return (
        <svg className="swatch swatch-svg" viewBox="0 0 22 14" data-color={symbol.color} aria-hidden="true">
          <rect x="2" y="2" width="18" height="10" fill="none" stroke={symbol.color} strokeWidth={width} strokeDasharray={dashArray(symbol.dash, width)} />
        </svg>
      );
    }
    case 'point':
      return <span className="swatch swatch-point" data-color={symbol.color} style={{ '--swatch': symbol.color } as CSSProperties} />;
  }
}

/** maplibre dashes are in line widths; SVG's in px. */
function dashArray(dash: readonly number[] | undefined, width: number): string | undefined {
  if (!dash || dash.length === 0 || dash[1] === 0) return undefined;
  return dash.map((d) => d * width).join(' ');
}
