import type { FieldChange } from '../../../../shared/api/edit.js';
import type { FeatureCollection } from '../../../../shared/api/geojson.js';

/**
 * The parcels collection with the fields an edit (or undo/redo) just wrote, so the map recolours at
 * once instead of waiting for the whole layer to be fetched again (≈ 2 MB for 3,000 parcels). The
 * reload that follows `dataChanged` stays the source of truth. Returns the same object when no
 * parcel changed; otherwise a new collection in which only the edited features are new objects.
 */
export function patchParcels(collection: FeatureCollection, changes: readonly FieldChange[]): FeatureCollection {
  const byFid = new Map<number, Record<string, string | number | null>>();
  for (const c of changes) {
    if (c.table !== 'parcels') continue;
    const fields = byFid.get(c.fid) ?? {};
    fields[c.field] = c.new;
    byFid.set(c.fid, fields);
  }
  if (byFid.size === 0) return collection;
  let touched = false;
  const features = collection.features.map((f) => {
    const fields = byFid.get(f.id);
    if (!fields) return f;
    touched = true;
    return { ...f, properties: { ...f.properties, ...fields } };
  });
  return touched ? { ...collection, features } : collection;
}
