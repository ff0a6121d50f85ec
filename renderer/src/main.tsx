import 'maplibre-gl/dist/maplibre-gl.css';
import './styles/app.css';
import './styles/controls.css';
import './styles/import.css';
import './styles/tally.css';
import './styles/basemap.css';
import './styles/inspector.css';
import './styles/inspector-edit.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { ApiContext } from './api/api-context.js';
import { createApiClient } from './api/api-client.js';
import { App } from './app/App.js';
import { BriefingPrint } from './features/briefing/BriefingPrint.js';
import { parseBriefingQuery } from '../../shared/api/briefing.js';
import { createI18n } from './i18n/i18n.js';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

// `?view=briefing…` / `?view=atlas…`: only the printed pages (what printToPDF and Chromium print).
const briefing = parseBriefingQuery(window.location.search);
const api = createApiClient();
const i18n = createI18n('zh-CN');

createRoot(root).render(
  <StrictMode>
    <ApiContext.Provider value={api}>
      <I18nextProvider i18n={i18n}>
        {briefing ? <BriefingPrint params={briefing} /> : <App />}
      </I18nextProvider>
    </ApiContext.Provider>
  </StrictMode>,
);
