import type Database from 'better-sqlite3';
import type { FieldChange } from '../../../shared/api/edit.js';
import type { BBox } from '../../../shared/api/geojson.js';
import { changedParcelExtent } from '../tiles/change-extent.js';
import { geometryChangeBoxes } from './geometry-fields.js';

/**
 * Where an edit batch changed the parcels (`dataChanged.extent`): the boxes they have now (R-tree)
 * and, for geometry changes, the boxes they had — a moved, split, merged or deleted parcel leaves
 * its old place too, and the map must redraw it.
 */
export function editExtent(db: Database.Database, changes: readonly FieldChange[]): BBox[] {
  return [...changedParcelExtent(db, changes), ...geometryChangeBoxes(changes)];
}
