import type { EventListener, Handlers } from '../../../shared/api/contract.js';
import type { Project } from '../project/project.js';
import { editGeometry, parcelGeometry } from './geometry.js';
import { editExtent } from './geometry-extent.js';
import { defaultActor } from './handlers.js';

/** The contract methods of geometry editing; a saved edit announces dataChanged with its extent. */
export function geometryHandlers(project: Project, emit: EventListener): Pick<Handlers, 'editGeometry' | 'parcelGeometry'> {
  return {
    editGeometry: async ({ operation, actor, dryRun }) => {
      const result = editGeometry(project, operation, { actor: actor ?? defaultActor(), now: new Date(), dryRun });
      if (result.batchId !== null) emit('dataChanged', { layers: ['parcels'], extent: editExtent(project.db, result.changed) });
      return result;
    },
    parcelGeometry: async ({ fid }) => parcelGeometry(project.db, fid),
  };
}
