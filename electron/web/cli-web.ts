import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { EventListener } from '../../shared/api/contract.js';
import { PlannerError } from '../../shared/api/errors.js';
import { ChromiumBriefingRenderer } from '../core/briefing/chromium-renderer.js';
import { createCore, type Core } from '../core/core.js';
import { Project } from '../core/project/project.js';
import { defaultDataDir, ensureWorkingCopy } from '../core/sample.js';
import { openBrowser } from './open-browser.js';
import { startWebServer } from './server.js';
import type { WebServer } from './server.js';

/**
 * Browser mode entry (`npm run web`, or `npm start` where Electron is absent). Prints one line on
 * stdout with the URL and its token, as Jupyter does; everything else goes to stderr.
 *   --port N      listen on 127.0.0.1:N (default 47823; 0 picks a free port)
 *   --no-open     do not open the system browser
 *   --project P   open this .gpkg instead of the working copy of the sample
 */
export const DEFAULT_PORT = 47823;
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const STATIC_DIR = path.join(REPO_ROOT, 'dist', 'renderer');

interface CliOptions {
  port: number;
  portGiven: boolean;
  open: boolean;
  project: string | undefined;
}

function parseCli(argv: string[]): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      'no-open': { type: 'boolean', default: false },
      project: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    process.stderr.write('Usage: npm run web -- [--port N] [--no-open] [--project FILE.gpkg]\n');
    process.exit(0);
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0…65535, got ${values.port}`);
  return { port, portGiven: values.port !== undefined, open: !values['no-open'], project: values.project };
}

function openProject(file: string | undefined): Project {
  if (file) return Project.open(path.resolve(file));
  return Project.open(ensureWorkingCopy(defaultDataDir()));
}

async function listen(opts: CliOptions, core: Core): Promise<WebServer> {
  const upload = core.stageUpload;
  const briefingFile = core.briefingFile;
  try {
    return await startWebServer({ api: core, staticDir: STATIC_DIR, port: opts.port, upload, briefingFile, basemaps: core.basemaps, tiles: core.tiles });
  } catch (e) {
    // The default port may be taken by another instance; an explicit --port is honoured or fails.
    if (!opts.portGiven && (e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      process.stderr.write(`Port ${opts.port} is busy; using a free port instead.\n`);
      return startWebServer({ api: core, staticDir: STATIC_DIR, port: 0, upload, briefingFile, basemaps: core.basemaps, tiles: core.tiles });
    }
    throw e;
  }
}

async function main(): Promise<void> {
  const opts = parseCli(process.argv.slice(2));
  if (!existsSync(path.join(STATIC_DIR, 'index.html'))) {
    process.stderr.write('The renderer is not built (dist/renderer/index.html missing): run `npm run build`. The API is served anyway.\n');
  }
  const project = openProject(opts.project);
  // The server's emitter exists only once it listens; the core may emit before that (nothing listens yet).
  let forward: EventListener | null = null;
  const emit: EventListener = (name, payload) => forward?.(name, payload);
  // Briefings are printed by the system Chromium from this server's own briefing page ($LANDPLANNER_CHROMIUM to choose it).
  const briefing = new ChromiumBriefingRenderer();
  const core = createCore(project, emit, { briefing });
  // The first view's parcel tiles are cut while the page loads.
  core.tiles.warmUp(project.info().bbox);
  const server = await listen(opts, core);
  forward = server.emit;
  briefing.setPageBase({ origin: new URL(server.url).origin, token: server.token });

  process.stderr.write(`Project: ${project.path}\n`);
  process.stdout.write(`土地与项目一张图 browser mode: ${server.url}\n`);
  if (opts.open) openBrowser(server.url);

  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    process.stderr.write(`${signal}: closing.\n`);
    server
      .close()
      .catch(() => undefined)
      .then(() => core.dispose())
      .finally(() => {
        project.close();
        process.exit(0);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((e: unknown) => {
  const msg = e instanceof PlannerError ? `${e.messageZh}\n${e.message}` : e instanceof Error ? e.message : String(e);
  process.stderr.write(`browser mode failed: ${msg}\n`);
  process.exit(1);
});
