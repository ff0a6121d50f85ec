import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where a worker's code is: `NAME.cjs` next to the running bundle (the packaged app's
 * dist/electron, the CLI's dist/cli), or else `NAME-dev.mjs` beside this source file, which
 * registers tsx and runs the TypeScript (development, tests, browser mode from source). `devDir`:
 * the folder of a worker that lives elsewhere (its source file's folder).
 */
export function workerEntry(name: string, devDir?: string): string {
  const here = typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
  const bundled = path.join(here, `${name}.cjs`);
  if (fs.existsSync(bundled)) return bundled;
  return path.join(devDir ?? here, `${name}-dev.mjs`);
}
