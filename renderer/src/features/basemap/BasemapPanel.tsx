import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BasemapState } from '../../../../shared/api/basemap.js';
import { NetworkFields } from './NetworkFields.js';
import { basemapFromForm, networkFormOf, type NetworkForm } from './network-form.js';
import type { BasemapModel } from './use-basemap.js';

type Mode = 'none' | 'network' | 'file';

const modeOf = (state: BasemapState | null): Mode => {
  const kind = state?.basemap.kind ?? 'none';
  return kind === 'none' ? 'none' : kind === 'file' ? 'file' : 'network';
};

function fileName(p: string): string {
  return p.split(/[\\/]/).pop() ?? p;
}

/**
 * 底图 in the left dock: offline (the default), a network XYZ/WMTS source — only when the user
 * chooses it, with a warning — or a local MBTiles/PMTiles file (a typed path in browser mode, the
 * system dialog in Electron). Its opacity is set in the layer panel's basemap row (LayerPanel),
 * like every other layer's, and kept with the basemap setting.
 */
export function BasemapPanel({ model }: { model: BasemapModel }) {
  const { t, i18n } = useTranslation();
  const { state, error, applying } = model;
  const [mode, setMode] = useState<Mode>('none');
  const [form, setForm] = useState<NetworkForm>(() => networkFormOf(undefined));
  const [path, setPath] = useState('');
  const [formError, setFormError] = useState<{ zh: string; en: string } | null>(null);

  // The form follows the stored basemap whenever it changes (here, another window, a reload).
  const storedKey = state ? JSON.stringify(state.basemap) : null;
  useEffect(() => {
    if (!state) return;
    setMode(modeOf(state));
    if (state.basemap.kind === 'xyz' || state.basemap.kind === 'wmts') setForm(networkFormOf(state.basemap));
    if (state.basemap.kind === 'file') setPath(state.basemap.path);
  }, [storedKey]); // keyed on the stored value: a new but equal object must not reset what the user is typing

  const english = i18n.language === 'en';
  const shownError = formError ? (english ? formError.en : formError.zh) : error ? (english ? error.message : error.messageZh) : null;

  const applyNetwork = (): void => {
    const result = basemapFromForm(form, model.opacity);
    if (!result.ok) return setFormError({ zh: result.zh, en: result.en });
    setFormError(null);
    void model.apply(result.basemap);
  };
  const applyFile = (file: string): void => {
    setFormError(null);
    void model.apply({ kind: 'file', path: file, opacity: model.opacity });
  };
  const pick = async (): Promise<void> => {
    const file = await model.pickFile();
    if (file) {
      setPath(file);
      applyFile(file);
    }
  };
  const chooseMode = (next: Mode): void => {
    setMode(next);
    setFormError(null);
    model.clearError();
    // Offline needs no further input; network and file wait for the user's explicit "use" click.
    if (next === 'none' && state?.basemap.kind !== 'none') void model.apply({ kind: 'none' });
  };

  return (
    <details className="panel basemap-panel" data-testid="basemap-panel" data-kind={state?.basemap.kind ?? 'none'}>
      <summary className="panel-title basemap-summary">
        {t('basemap.title')} · <span data-testid="basemap-current">{currentText(state, t)}</span>
      </summary>
      <fieldset className="basemap-modes" disabled={applying || model.reloading}>
        <legend className="visually-hidden">{t('basemap.modes.label')}</legend>
        {(['none', 'network', 'file'] as const).map((m) => (
          <label key={m} className="basemap-mode">
            <input type="radio" name="basemap-mode" data-testid={`basemap-mode-${m}`} checked={mode === m} onChange={() => chooseMode(m)} />
            {t(`basemap.modes.${m}`)}
          </label>
        ))}
      </fieldset>

      {state?.file && (
        <p className="basemap-hint muted" data-testid="basemap-file-detail">
          {t('basemap.current.fileDetail', {
            container: state.file.container === 'mbtiles' ? 'MBTiles' : 'PMTiles',
            type: t(`basemap.current.${state.file.type}`),
            format: state.file.format,
            minzoom: state.file.minzoom,
            maxzoom: state.file.maxzoom,
          })}
        </p>
      )}

      {mode === 'none' && <p className="basemap-hint muted">{t('basemap.offlineNote')}</p>}

      {mode === 'network' && (
        <div className="basemap-form">
          <NetworkFields
            form={form}
            onChange={(next) => {
              setForm(next);
              setFormError(null);
            }}
          />
          <p className="basemap-warning" role="note">
            {t('basemap.network.warning')}
          </p>
          <button type="button" data-testid="basemap-apply-network" disabled={applying || model.reloading} onClick={applyNetwork}>
            {t('basemap.network.apply')}
          </button>
        </div>
      )}

      {mode === 'file' && (
        <div className="basemap-form">
          {model.canPickFile ? (
            <button type="button" data-testid="basemap-pick-file" disabled={applying} onClick={() => void pick()}>
              {t('basemap.file.pick')}
            </button>
          ) : null}
          <label className="basemap-field">
            <span className="field-label">{t('basemap.file.path')}</span>
            <input
              type="text"
              spellCheck={false}
              data-testid="basemap-path"
              placeholder="/…/底图.mbtiles"
              title={t('basemap.file.pathHint')}
              value={path}
              onChange={(e) => setPath(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && path.trim() && applyFile(path.trim())}
            />
          </label>
          <p className="basemap-hint muted">{t('basemap.file.pathHint')}</p>
          <button type="button" data-testid="basemap-apply-file" disabled={applying || !path.trim()} onClick={() => applyFile(path.trim())}>
            {t('basemap.file.apply')}
          </button>
        </div>
      )}

      {applying && <p className="basemap-hint muted">{t('basemap.applying')}</p>}
      {model.reloading && <p className="basemap-hint">{t('basemap.network.reloading')}</p>}
      {state?.error && !error && (
        <p className="basemap-error" role="alert" data-testid="basemap-stored-error">
          {t('basemap.current.unusable')}:{english ? state.error.message : state.error.messageZh}
        </p>
      )}
      {shownError && (
        <p className="basemap-error" role="alert" data-testid="basemap-error">
          {shownError}
          <button type="button" className="link-button" onClick={() => (setFormError(null), model.clearError())} aria-label={t('basemap.dismiss')}>
            ×
          </button>
        </p>
      )}
    </details>
  );
}

function currentText(state: BasemapState | null, t: ReturnType<typeof useTranslation>['t']): string {
  if (!state) return t('basemap.current.loading');
  const b = state.basemap;
  if (b.kind === 'none') return t('basemap.current.none');
  if (b.kind === 'file') return t('basemap.current.file', { name: fileName(b.path) });
  const origin = state.network?.origins[0] ?? '';
  return t('basemap.current.network', { host: origin.replace(/^https?:\/\//, '') });
}
