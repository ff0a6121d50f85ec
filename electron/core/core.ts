import { bindContract, type Api, type EventListener, type Handlers } from '../../shared/api/contract.js';
import type { Project } from './project/project.js';

/**
 * The backend behind the contract. Both bridges (Electron IPC, browser-mode HTTP) call this
 * object after parsing input with the contract's schemas (and parses again itself, so a direct
 * caller is as safe as a bridge); `satisfies Handlers` makes a missing or mistyped method a
 * compile error.
 */
export function createCore(project: Project, emit: EventListener = () => {}): Api {
  const handlers = {
    projectInfo: async () => project.info(),
    listLayers: async () => project.listLayers(),
    layerFeatures: async ({ layer, bbox }) => project.features(layer, bbox),
    getSettings: async () => project.getSettings(),
    updateSettings: async (patch) => {
      const next = project.updateSettings(patch);
      emit('dataChanged', { layers: [] });
      return next;
    },
  } satisfies Handlers;
  return bindContract(handlers);
}
