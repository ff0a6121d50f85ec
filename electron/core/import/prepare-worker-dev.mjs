// Development entry of the import's prepare workers (tests, browser mode via tsx): registers tsx
// inside the worker thread, then runs the TypeScript worker. Bundles use prepare-worker.cjs.
import { register } from 'tsx/esm/api';

register();
await import('./prepare-worker.ts');
