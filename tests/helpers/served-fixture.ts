import fs from 'node:fs';
import type { EventListener } from '../../shared/api/contract.js';
import { createCore, type Core } from '../../electron/core/core.js';
import type { Project } from '../../electron/core/project/project.js';
import { startWebServer, type WebServer, type WebServerOptions } from '../../electron/web/server.js';
import { createFixtureProject } from '../contract/fixture-project.js';

/** The contract's fixture project behind browser mode's web server on a free loopback port. */
export interface ServedFixture {
  project: Project;
  core: Core;
  server: WebServer;
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  base: string;
  /** Closes the server, disposes the core, closes the project and removes `dir`. */
  stop(): Promise<void>;
}

/**
 * Creates the fixture project in `dir` and serves its core, wired as cli-web.ts does (the core's
 * events go out over SSE). `routes` adds the binary routes a test needs (tiles, basemaps, …).
 */
export async function serveFixtureProject(
  dir: string,
  options: { staticDir: string; projectName?: string; routes?: (core: Core) => Omit<WebServerOptions, 'api' | 'staticDir'> },
): Promise<ServedFixture> {
  const project = createFixtureProject(dir, options.projectName);
  let forward: EventListener | null = null;
  const core = createCore(project, (name, payload) => forward?.(name, payload));
  const server = await startWebServer({ api: core, staticDir: options.staticDir, port: 0, ...options.routes?.(core) });
  forward = server.emit;
  return {
    project,
    core,
    server,
    base: `http://127.0.0.1:${server.port}`,
    stop: async () => {
      await server.close();
      await core.dispose();
      project.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
