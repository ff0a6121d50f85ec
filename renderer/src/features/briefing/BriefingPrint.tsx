import './briefing.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BRIEFING_DATASET, BRIEFING_RUN_PARAM, PAPER_MM, parseBriefingQuery, type BriefingPageParams } from '../../../../shared/api/briefing.js';
import { toPlannerError } from '../../api/errors.js';
import { useApi } from '../../api/api-context.js';
import { BriefingDocument, useBriefingMapSpec, type DocumentState } from './BriefingDocument.js';
import { useBriefingData } from './use-briefing-data.js';
import { usePrintMap } from './use-print-map.js';

declare global {
  interface Window {
    /** The print route shows another briefing without reloading (the backend's warm page): false for a bad query. */
    __briefingShow?: (query: string, run: string) => boolean;
  }
}

type FlagKey = keyof typeof BRIEFING_DATASET;

function setFlag(key: FlagKey, value: string | number | null): void {
  const name = BRIEFING_DATASET[key];
  if (value === null) delete document.body.dataset[name];
  else document.body.dataset[name] = String(value);
}

function clearFlags(): void {
  for (const key of Object.keys(BRIEFING_DATASET) as FlagKey[]) setFlag(key, null);
}

/**
 * The briefing route (`/?view=briefing…`, `/?view=atlas…`): only the printed pages, nothing of the
 * app around them. The backend opens it in a hidden window (Electron) or a headless Chromium
 * (browser mode, CLI), waits for `data-briefing-ready` on <body> — set once every map picture is
 * in its <img> and the fonts are loaded — and prints it. Progress and errors are reported on
 * <body> too (BRIEFING_DATASET), tagged with the run the backend named, which both backends poll.
 * `window.__briefingShow` draws the next briefing in the same page, reusing its map and data.
 */
export function BriefingPrint({ params: first }: { params: BriefingPageParams }) {
  const api = useApi();
  const { i18n } = useTranslation();
  const [shown, setShown] = useState(() => ({ params: first, run: new URLSearchParams(window.location.search).get(BRIEFING_RUN_PARAM) ?? '0' }));
  const params = shown.params;
  const runRef = useRef(shown.run);
  const zone = params.kind === 'page' && params.extent.kind === 'zone' ? params.extent.code : null;
  const { data, error } = useBriefingData(api, { year: params.year, asOf: params.asOf }, false, true, zone);
  const printMap = usePrintMap(useBriefingMapSpec(params.paper, data));
  const locale = data?.settings.locale;
  // The figures must be those of this briefing's date, and a zone page needs the zone's card.
  const complete =
    data !== null &&
    data.dashboard.goals.year === params.year &&
    data.dashboard.goals.asOf === params.asOf &&
    (zone === null || data.zoneCards[zone] !== undefined) &&
    (!locale || locale === i18n.language);

  useEffect(() => {
    document.documentElement.classList.add('briefing-print-root');
    setFlag('run', runRef.current);
    window.__briefingShow = (query, run) => {
      const next = parseBriefingQuery(query);
      if (!next) return false;
      clearFlags();
      runRef.current = run;
      setFlag('run', run);
      setShown({ params: next, run });
      return true;
    };
    return () => {
      document.documentElement.classList.remove('briefing-print-root');
      delete window.__briefingShow;
    };
  }, []);
  useEffect(() => {
    if (locale && locale !== i18n.language) void i18n.changeLanguage(locale);
  }, [locale, i18n]);
  useEffect(() => {
    if (!error) return;
    const e = toPlannerError(error);
    setFlag('error', `${e.messageZh} / ${e.message}`);
  }, [error]);

  const onState = useCallback((s: DocumentState) => {
    const run = runRef.current;
    setFlag('total', s.total);
    setFlag('pages', s.total);
    setFlag('done', s.done);
    if (s.error) setFlag('error', s.error);
    if (s.ready) void document.fonts.ready.then(() => runRef.current === run && setFlag('ready', 'true'));
    else setFlag('ready', null);
  }, []);

  const mm = PAPER_MM[params.paper];
  return (
    <div className="brief-print" data-testid="briefing-print">
      {/* The sheet size the PDF takes (preferCSSPageSize / printToPDF). */}
      <style>{`@page { size: ${mm.width}mm ${mm.height}mm; margin: 0; }`}</style>
      {complete && <BriefingDocument key={shown.run} params={params} data={data} onState={onState} printMap={printMap} />}
    </div>
  );
}
