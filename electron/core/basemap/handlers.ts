import os from 'node:os';
import path from 'node:path';
import type { Basemap } from '../../../shared/api/basemap.js';
import type { EventListener, Handlers } from '../../../shared/api/contract.js';
import { PlannerError } from '../../../shared/api/errors.js';
import type { Project } from '../project/project.js';
import type { BasemapService } from './basemap-service.js';

/** A typed path as the user means it: `~/…` is the home folder; anything else must be absolute. */
export function resolveBasemapPath(typed: string): string {
  const p = typed.trim();
  const expanded = p === '~' || p.startsWith('~/') || p.startsWith('~\\') ? path.join(os.homedir(), p.slice(1)) : p;
  if (!path.isAbsolute(expanded)) {
    throw new PlannerError(
      'basemap_path_relative',
      `Give the full path of the basemap file: ${typed}`,
      `请填写底图文件的完整路径:${typed}`,
      { path: typed },
    );
  }
  return path.normalize(expanded);
}

/**
 * Checks a basemap before it is stored: a local file must open as MBTiles or PMTiles (else a
 * PlannerError naming the file, and nothing changes). Returns the setting as it will be stored.
 */
export async function checkedBasemap(service: BasemapService, basemap: Basemap): Promise<Basemap> {
  const next = basemap.kind === 'file' ? { ...basemap, path: resolveBasemapPath(basemap.path) } : basemap;
  await service.check(next);
  return next;
}

/** basemapInfo / setBasemap: the basemap setting of the project, checked and described. */
export function basemapHandlers(project: Project, service: BasemapService, emit: EventListener) {
  return {
    basemapInfo: async () => service.state(),
    setBasemap: async (basemap) => {
      const next = await checkedBasemap(service, basemap);
      project.updateSettings({ basemap: next });
      if (next.kind !== 'file') await service.release();
      emit('dataChanged', { layers: [] });
      return service.state(next);
    },
  } satisfies Pick<Handlers, 'basemapInfo' | 'setBasemap'>;
}
