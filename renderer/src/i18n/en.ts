import type { Messages } from './zh-CN.js';

export const en: Messages = {
  app: {
    title: 'Land & Project Planner',
    loading: 'Loading project…',
  },
  toolbar: {
    switchLanguage: 'Switch to Chinese',
  },
  layers: {
    title: 'Layers',
    featureCount: '{{count}} features',
  },
  legend: {
    title: 'Legend · Remediation status',
    count: '{{count}}',
    noStatus: 'Other or no status',
  },
  statusBar: {
    sample: 'Sample data — illustrative geometry',
    sampleTitle: 'Sample data: the shapes are illustrative, not real parcels',
    project: 'Project',
    parcels: 'Parcels: {{n}}',
    selected: 'Selected: {{label}}',
  },
  errors: {
    title: 'Error',
    dismiss: 'Dismiss',
  },
  map: {
    label: 'Map',
  },
};
