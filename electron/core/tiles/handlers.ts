import type { Handlers } from '../../../shared/api/contract.js';
import type { Project } from '../project/project.js';
import { parcelRows } from './parcel-rows.js';

/** Contract methods of the map at scale: a few parcels' rows instead of the whole layer. */
export function tileHandlers(project: Project): Pick<Handlers, 'parcelRows'> {
  return {
    parcelRows: async (input) => parcelRows(project.db, input),
  };
}
