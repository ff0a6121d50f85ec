import { useCallback, useEffect, useMemo, useState } from 'react';
import type { BriefingPageParams } from '../../../../shared/api/briefing.js';
import { buildSheets, type BriefingData } from './briefing-model.js';
import { BriefingSheet } from './BriefingSheet.js';
import { mapFrameCssPx, printPixelRatio } from './layout.js';
import type { PrintMap } from './print-map.js';
import { useMapImages } from './use-map-images.js';
import { usePrintMap, type PrintMapSpec } from './use-print-map.js';

export interface DocumentState {
  /** Map pictures drawn and shown, of all sheets. */
  done: number;
  total: number;
  /** Every sheet's map picture is drawn and loaded in its <img>. */
  ready: boolean;
  error: string | null;
}

export interface BriefingDocumentProps {
  params: BriefingPageParams;
  data: BriefingData;
  onState?: (state: DocumentState) => void;
  /** A map kept by the caller across documents (the print route's next briefing); otherwise the document makes its own. */
  printMap?: PrintMap | null;
}

/** The offscreen map a briefing's pages need: the print frame at ≥ 200 dpi, the project's statuses and tiles. */
export function useBriefingMapSpec(paper: BriefingPageParams['paper'], data: BriefingData | null): PrintMapSpec | null {
  const frame = mapFrameCssPx();
  const pixelRatio = printPixelRatio(paper, window.devicePixelRatio || 1);
  const statuses = data?.settings.statuses;
  const tiled = data?.tiled;
  return useMemo(() => (statuses && tiled ? { statuses, tiled, width: frame.width, height: frame.height, pixelRatio } : null), [statuses, tiled, frame.width, frame.height, pixelRatio]);
}

/**
 * The briefing's pages — one, or the atlas's cover and block pages — with their map pictures,
 * exactly as they are printed. Used by the print route and by the in-app preview.
 */
export function BriefingDocument({ params, data, onState, printMap }: BriefingDocumentProps) {
  const sheets = useMemo(() => buildSheets(params, data), [params, data]);
  const spec = useBriefingMapSpec(params.paper, data);
  const own = usePrintMap(printMap === undefined ? spec : null);
  const maps = useMapImages(sheets, data.layers, printMap === undefined ? own : printMap);
  // Picture URLs whose <img> has loaded: a redrawn picture (new URL) counts again only once it is shown.
  const [shown, setShown] = useState<ReadonlySet<string>>(new Set());
  const onLoaded = useCallback((url: string) => setShown((s) => (s.has(url) ? s : new Set(s).add(url))), []);

  const loaded = sheets.filter((s) => {
    const url = maps.images.get(s.key)?.url;
    return !s.bbox || (url !== undefined && shown.has(url));
  }).length;
  const ready = maps.done === sheets.length && loaded === sheets.length;
  useEffect(() => onState?.({ done: loaded, total: sheets.length, ready, error: maps.error }), [onState, loaded, sheets.length, ready, maps.error]);

  return (
    <div className="brief-document" data-testid="briefing-document" data-ready={ready ? 'true' : 'false'}>
      {sheets.map((sheet) => (
        <BriefingSheet
          key={sheet.key}
          sheet={sheet}
          data={data}
          paper={params.paper}
          snapshot={maps.images.get(sheet.key)}
          mapFailed={maps.error !== null}
          onImageLoad={() => {
            const url = maps.images.get(sheet.key)?.url;
            if (url) onLoaded(url);
          }}
        />
      ))}
    </div>
  );
}
