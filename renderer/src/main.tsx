import 'maplibre-gl/dist/maplibre-gl.css';
import './styles/app.css';
import './styles/controls.css';
import './styles/import.css';
import './styles/tally.css';
import './styles/inspector.css';
import './styles/inspector-edit.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { ApiContext } from './api/api-context.js';
import { createApiClient } from './api/api-client.js';
import { App } from './app/App.js';
import { createI18n } from './i18n/i18n.js';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

const api = createApiClient();
const i18n = createI18n('zh-CN');

createRoot(root).render(
  <StrictMode>
    <ApiContext.Provider value={api}>
      <I18nextProvider i18n={i18n}>
        <App />
      </I18nextProvider>
    </ApiContext.Provider>
  </StrictMode>,
);
