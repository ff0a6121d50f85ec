import type { attributeTableZh } from './attribute-table-zh.js';

/** Attribute table texts (English); same keys as attribute-table-zh.ts. */
export const attributeTableEn: typeof attributeTableZh = {
  button: 'Table',
  buttonTitle: 'Show or hide the attribute table (bottom)',
  title: 'Attribute table',
  layer: 'Layer',
  search: 'Text',
  searchPlaceholder: 'Code, owner, address…',
  any: 'All',
  several: '{{count}} selected',
  clearFilters: 'Clear filters',
  linkedFilter: 'The parcel filter is shared with “Filter parcels” on the left and the map',
  rows: '{{count}} rows',
  rowsFiltered: '{{count}} of {{total}} rows',
  loading: 'Loading…',
  empty: 'No rows match',
  exportCsv: 'Export CSV',
  exportXlsx: 'Export Excel',
  exportTitle: 'Export the {{count}} filtered rows (in the current order)',
  exporting: 'Exporting…',
  close: 'Close the attribute table',
  resize: 'Drag to resize the attribute table',
  sortAsc: 'ascending',
  sortDesc: 'descending',
  sortHint: 'Click to sort: ascending → descending → none',
};
