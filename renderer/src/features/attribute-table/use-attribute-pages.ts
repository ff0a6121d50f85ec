import { useCallback, useEffect, useRef, useState } from 'react';
import type { AttributeRow, AttributeSort } from '../../../../shared/api/attribute-table.js';
import type { LayerFilter } from '../../../../shared/api/layer-filter.js';
import type { LayerId } from '../../../../shared/api/layers.js';
import { onContractEvent } from '../../api/events.js';
import type { ApiClient } from '../../api/planner-bridge.js';
import { PAGE_SIZE, pagesOf, type RowRange } from './windowing.js';

/** What the table shows: a layer, narrowed and ordered by the core. */
export interface AttributeQuery {
  layer: LayerId;
  filter?: LayerFilter | undefined;
  text?: string | undefined;
  sort?: AttributeSort | undefined;
}

export interface AttributePages {
  /** Rows passing the filter: the last answer (of the previous query while this one is asked), null before any. */
  total: number | null;
  /** The core has not answered this query yet (`total` is the previous query's). */
  loading: boolean;
  /** A loaded row (possibly from before the last data change, until its page is read again). */
  rowAt(index: number): AttributeRow | undefined;
  /** Asks for the pages holding these rows (each page once per query and data state). */
  ensure(range: RowRange): void;
  /** Where a feature is under this query's sort and filter; null when it does not pass. */
  locate(fid: number): Promise<number | null>;
  /** Changes whenever rows arrive: a render key. */
  version: number;
}

/** Pages kept in the renderer at most (× PAGE_SIZE rows). */
const MAX_PAGES = 30;

interface Page {
  /** The data generation it was read at: an older one is shown until it is read again. */
  gen: number;
  rows: AttributeRow[];
}

/**
 * The table's rows, a page of PAGE_SIZE at a time from the core's `attributeRows` — the renderer
 * holds only the pages scrolled past, never the layer. A new query drops every page; a
 * `dataChanged` naming the layer (an edit, an import) keeps them on screen but reads them again.
 * An answer to an older query or data state is dropped.
 */
export function useAttributePages(api: ApiClient, query: AttributeQuery, report: (err: unknown) => void): AttributePages {
  const key = JSON.stringify([query.layer, query.filter ?? null, query.text ?? '', query.sort ?? null]);
  const pages = useRef(new Map<number, Page>());
  const inflight = useRef(new Set<string>());
  const gen = useRef(0);
  const current = useRef({ key, query });
  // The last total and the query it answers: a new query keeps the old height until its answer comes.
  const [answer, setAnswer] = useState<{ key: string; total: number } | null>(null);
  const [version, setVersion] = useState(0);

  const fetchPage = useCallback(
    (page: number) => {
      const { key: k, query: q } = current.current;
      const g = gen.current;
      const tag = `${k}#${g}#${page}`;
      if (inflight.current.has(tag)) return;
      inflight.current.add(tag);
      api
        .attributeRows({ ...q, offset: page * PAGE_SIZE, limit: PAGE_SIZE })
        .then(
          (res) => {
            if (current.current.key !== k || gen.current !== g) return;
            pages.current.set(page, { gen: g, rows: res.rows });
            setAnswer((a) => (a?.key === k && a.total === res.total ? a : { key: k, total: res.total }));
            setVersion((v) => v + 1);
          },
          (err: unknown) => {
            if (current.current.key === k) report(err);
          },
        )
        .finally(() => inflight.current.delete(tag));
    },
    [api, report],
  );

  // A new query: nothing loaded is valid any more; the first page tells the total.
  useEffect(() => {
    current.current = { key, query };
    pages.current.clear();
    gen.current += 1;
    setVersion((v) => v + 1);
    fetchPage(0);
    // `query` is represented by `key` (a new object with the same content asks nothing).
  }, [key, fetchPage]);

  useEffect(
    () =>
      onContractEvent(api, 'dataChanged', ({ layers }) => {
        if (!layers.includes(current.current.query.layer)) return;
        gen.current += 1;
        // Re-render: the grid's ensure() then reads the pages in view again.
        setVersion((v) => v + 1);
        fetchPage(0);
      }),
    [api, fetchPage],
  );

  const ensure = useCallback(
    (range: RowRange) => {
      const wanted = pagesOf(range);
      for (const p of wanted) {
        const have = pages.current.get(p);
        if (!have || have.gen !== gen.current) fetchPage(p);
      }
      // Pages far from the view are let go: scrolling through 100,000 rows keeps a few thousand.
      if (pages.current.size > MAX_PAGES && wanted.length > 0) {
        const centre = wanted[Math.floor(wanted.length / 2)] ?? 0;
        const far = [...pages.current.keys()].sort((a, b) => Math.abs(b - centre) - Math.abs(a - centre));
        for (const p of far.slice(0, pages.current.size - MAX_PAGES)) pages.current.delete(p);
      }
    },
    [fetchPage],
  );

  const rowAt = useCallback((index: number): AttributeRow | undefined => pages.current.get(Math.floor(index / PAGE_SIZE))?.rows[index % PAGE_SIZE], []);

  const locate = useCallback(
    async (fid: number): Promise<number | null> => {
      const { key: k, query: q } = current.current;
      const res = await api.attributeRows({ ...q, offset: 0, limit: 0, locate: fid });
      if (current.current.key !== k) return null;
      return res.rowIndex ?? null;
    },
    [api],
  );

  return { total: answer?.total ?? null, loading: answer?.key !== key, rowAt, ensure, locate, version };
}
