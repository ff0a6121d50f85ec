import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, Menu, app, dialog, session } from 'electron';
import type { WebContents } from 'electron';
import { PlannerError } from '../../shared/api/errors.js';
import { createCore } from '../core/core.js';
import { Project } from '../core/project/project.js';
import { ensureWorkingCopy } from '../core/sample.js';
import { APP_INDEX_URL, handleAppProtocol, isAppUrl, registerAppScheme } from './app-protocol.js';
import { registerBasemapDialog } from './basemap-dialog.js';
import { registerBriefingFile } from './briefing-ipc.js';
import { ElectronBriefingRenderer } from './briefing-window.js';
import { createIpcEmitter, registerIpc } from './ipc.js';
import { buildMenu } from './menu.js';

/**
 * Electron main process: one window on the built renderer (app://renderer/index.html), the
 * contract registered over IPC, the project in the user's data folder (a copy of the shipped
 * sample on first run). Bundled by scripts/build-electron.mjs into dist/electron/main.cjs, next
 * to preload.cjs.
 */
const HERE = path.dirname(fileURLToPath(import.meta.url));
const PRELOAD = path.join(HERE, 'preload.cjs');
const RENDERER_DIR = path.join(app.getAppPath(), 'dist', 'renderer');

let mainWindow: BrowserWindow | null = null;
let project: Project | null = null;

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => lockDown(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    project?.close();
    project = null;
  });
  app.whenReady().then(start).catch(fail);
}

function start(): void {
  // Nothing the app needs asks for a permission (camera, geolocation, notifications …).
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));

  const requested = projectArg(process.argv);
  project = Project.open(requested ? path.resolve(requested) : ensureWorkingCopy(app.getPath('userData')));
  // Briefings print through a hidden window of our own page (printToPDF): no system Chromium needed.
  const core = createCore(project, createIpcEmitter(), { briefing: new ElectronBriefingRenderer(PRELOAD, APP_INDEX_URL) });
  // The first view's parcel tiles are cut while the window loads.
  core.tiles.warmUp(project.info().bbox);
  registerIpc(core, isAppUrl, core.stageUpload);
  registerBasemapDialog(isAppUrl);
  registerBriefingFile(core.briefingFile, isAppUrl);
  // Basemap tiles are served beside the renderer's files: app://renderer/api/basemap/tiles/… (before the window loads).
  handleAppProtocol(RENDERER_DIR, { basemaps: core.basemaps, tiles: core.tiles });
  Menu.setApplicationMenu(buildMenu(() => project?.path ?? null));

  mainWindow = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: '土地与项目一张图',
    backgroundColor: '#f5f5f4',
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  void mainWindow.loadURL(APP_INDEX_URL);
}

/** `--project FILE.gpkg` (as in browser mode); otherwise the working copy of the sample. */
function projectArg(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--project') return argv[i + 1] ?? null;
    if (a.startsWith('--project=')) return a.slice('--project='.length);
  }
  return null;
}

/** No navigation away from the app, no new windows, no <webview>. */
function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

function fail(e: unknown): void {
  const text = e instanceof PlannerError ? `${e.messageZh}\n\n${e.message}` : e instanceof Error ? e.message : String(e);
  dialog.showErrorBox('土地与项目一张图 无法启动', text);
  app.exit(1);
}
