/** History labels (i18n keys) of the audit fields geometry editing writes; the parcel card's history uses them. */
export const GEOMETRY_FIELD_LABELS: Readonly<Record<string, string>> = {
  geom: 'editGeometry.fields.geom',
  '@row': 'editGeometry.fields.row',
  '@merged_from': 'editGeometry.fields.merged_from',
  '@split_into': 'editGeometry.fields.split_into',
  '@split_from': 'editGeometry.fields.split_from',
  area_m2: 'editGeometry.fields.area_m2',
  zone_code: 'editGeometry.fields.zone_code',
  straddles: 'editGeometry.fields.straddles',
  stated_area_m2: 'editGeometry.fields.stated_area_m2',
};
