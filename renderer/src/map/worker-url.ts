import { getWorkerCount, prewarm, setWorkerCount, setWorkerUrl } from 'maplibre-gl';
// maplibre-gl 6 is ESM-only and would otherwise look for its worker beside its own module URL;
// bundle the worker as a local asset instead, so nothing comes from a CDN.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

setWorkerUrl(workerUrl);
// maplibre uses half the cores (one on a 2-core machine): the first view of 100,000 parcels comes
// in a few large vector tiles, and two workers parse them side by side.
setWorkerCount(Math.max(2, getWorkerCount()));
// Start the workers now, as the bundle loads: they fetch and evaluate their script (~0.5 MB) while
// the page renders and the map's WebGL context is made, instead of after it (the style's load waits for them).
if (typeof window !== 'undefined' && typeof Worker !== 'undefined') prewarm();
