import { setWorkerUrl } from 'maplibre-gl';
// maplibre-gl 6 is ESM-only and would otherwise look for its worker beside its own module URL;
// bundle the worker as a local asset instead, so nothing comes from a CDN.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

setWorkerUrl(workerUrl);
