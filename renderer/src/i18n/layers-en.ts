import type { LayersMessages } from './layers-zh.js';

/** Layer panel and legend texts in English (same keys as layers-zh.ts, checked by the type). */
export const layersEn: LayersMessages = {
  layers: {
    title: 'Layers',
    featureCount: '{{count}} features',
    filteredCount: '{{matched}} of {{total}} features after filtering',
    basemap: 'Basemap',
    basemapNone: 'Basemap: none (offline background)',
    show: 'Show {{layer}}',
    moveUp: 'Move up',
    moveDown: 'Move down',
    opacity: '{{layer}} opacity',
    style: 'Colour parcels',
    styles: { status: 'By remediation status', method: 'By remediation method', perMu: 'By per-mu class', year: 'By completion year' },
  },
  filters: {
    title: 'Filter parcels',
    clear: 'Clear all filters',
    clearKey: 'Clear',
    summary: 'Showing {{matched}} of {{total}}',
    all: 'No filter: all {{total}} shown',
    loading: 'Counting…',
    keys: { status: 'Status', town: 'Town', method: 'Method', block: 'Key block', completedYear: 'Completion year' },
    chipTitle: '{{label}}: {{count}} parcels (given the other filters)',
  },
  legend: {
    title: 'Legend',
    count: '{{count}}',
    features: '{{count}}',
    filtered: 'filtered',
    transportMode: 'Mode',
    transportStage: 'Stage (solid: open to traffic)',
    keyBlocks: 'Block boundary · label: name, remediated in {{year}} / target (mu)',
    projects: 'Major projects (dot size by investment)',
    empty: 'No layer shown',
  },
};
