import os from 'node:os';
import type { EventListener, Handlers } from '../../../shared/api/contract.js';
import type { EditResult } from '../../../shared/api/edit.js';
import type { Project } from '../project/project.js';
import { searchParcels } from '../search/search.js';
import { traceParcel } from '../trace/trace.js';
import { applyEdits } from './apply.js';
import { editExtent } from './geometry-extent.js';
import { redoLast, undoLast } from './undo.js';

/** Who edits when the caller does not say: the signed-in user of this computer. */
export function defaultActor(): string {
  try {
    return os.userInfo().username || 'user';
  } catch {
    return 'user';
  }
}

type EditMethods = 'applyEdits' | 'undo' | 'redo' | 'searchParcels' | 'traceParcel';

/** The contract methods of the edit path, search and tracing; edits announce dataChanged. */
export function editHandlers(project: Project, emit: EventListener): Pick<Handlers, EditMethods> {
  const changed = <T extends { batchId: number | null; changed: EditResult['changed'] }>(r: T): T => {
    // The edited parcels' boxes (old ones too, for geometry): the map refreshes only the vector tiles they meet.
    if (r.batchId !== null) emit('dataChanged', { layers: ['parcels'], extent: editExtent(project.db, r.changed) });
    return r;
  };
  return {
    applyEdits: async ({ edits, actor }) => changed(applyEdits(project, edits, actor ?? defaultActor(), new Date())),
    undo: async ({ actor }) => changed(undoLast(project, actor ?? defaultActor(), new Date())),
    redo: async ({ actor }) => changed(redoLast(project, actor ?? defaultActor(), new Date())),
    searchParcels: async ({ q, limit }) => searchParcels(project.db, q, limit),
    traceParcel: async (ref) => traceParcel(project.db, project.getSettings(), ref),
  };
}
