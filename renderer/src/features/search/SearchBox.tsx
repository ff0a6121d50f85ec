import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '../../../../shared/api/edit.js';
import type { ApiClient } from '../../api/planner-bridge.js';
import { useParcelSearch } from './use-parcel-search.js';

export interface SearchBoxProps {
  api: ApiClient;
  /** A result chosen (Enter or click): the app flies to it and opens its card. */
  onPick: (hit: SearchHit) => void;
  report: (err: unknown) => void;
}

/** Toolbar parcel search (Ctrl+F): code, owner, town or address, Chinese substrings. */
export function SearchBox({ api, onPick, report }: SearchBoxProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  /** Enter pressed before the debounced answer for the current text arrived. */
  const [enterPending, setEnterPending] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const { hits, searching, answered } = useParcelSearch(api, query, report);
  const shown = open && query.trim() !== '';

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        inputRef.current?.focus();
        inputRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => setActive(0), [answered]);

  const pick = (hit: SearchHit | undefined): void => {
    setEnterPending(false);
    if (!hit) return;
    setOpen(false);
    setQuery(hit.code ?? query);
    onPick(hit);
  };
  const current = answered !== '' && answered === query.trim();
  useEffect(() => {
    if (enterPending && current) pick(hits[0]);
  });

  return (
    <div className="search-box" data-testid="search-box">
      <span className="search-icon" aria-hidden="true" />
      <input
        ref={inputRef}
        type="search"
        className="search-input"
        data-testid="search-input"
        value={query}
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        aria-keyshortcuts="Control+F"
        role="combobox"
        aria-expanded={shown}
        aria-controls={listId}
        aria-autocomplete="list"
        onChange={(e) => {
          setQuery(e.target.value);
          setEnterPending(false);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            const step = e.key === 'ArrowDown' ? 1 : -1;
            setActive((i) => (hits.length === 0 ? 0 : (i + step + hits.length) % hits.length));
            setOpen(true);
          } else if (e.key === 'Enter') {
            e.preventDefault();
            if (current) pick(hits[active]);
            else setEnterPending(true);
          } else if (e.key === 'Escape') {
            e.stopPropagation();
            setOpen(false);
            inputRef.current?.blur();
          }
        }}
      />
      {shown && (
        <ul className="search-results" id={listId} role="listbox" data-testid="search-results">
          {hits.length === 0 && (
            <li className="search-empty">{searching || answered !== query.trim() ? t('search.searching') : t('search.noHits')}</li>
          )}
          {hits.map((hit, i) => (
            <li
              key={hit.fid}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'search-hit active' : 'search-hit'}
              data-testid="search-hit"
              data-fid={hit.fid}
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(i)}
              onClick={() => pick(hit)}
            >
              <span className="mono search-hit-code">{hit.code ?? `#${hit.fid}`}</span>
              <span className="search-hit-owner">{hit.owner ?? ''}</span>
              <span className="search-hit-town">{hit.town ?? ''}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
