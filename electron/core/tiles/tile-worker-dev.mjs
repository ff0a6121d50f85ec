// Development entry of the tile workers (tests, browser mode via tsx): registers tsx inside the
// worker thread, then runs the TypeScript worker. Bundles use tile-worker.cjs.
import { register } from 'tsx/esm/api';

register();
await import('./tile-worker.ts');
