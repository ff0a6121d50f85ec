// Development entry of the import worker (tests, browser mode via tsx): registers tsx inside the
// worker thread, then runs the TypeScript worker. The packaged app uses the bundled import-worker.cjs.
import { register } from 'tsx/esm/api';

register();
await import('./import-worker.ts');
