// `npm run typecheck`: every TypeScript project of the repo checked by tsc, as many at a time as
// there are cores (each tsc is single-threaded; one after another they took 75 s on 2 cores).
// Prints each project's errors and exits non-zero when any project fails.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const projects = ['shared', 'electron', 'renderer', 'renderer/tsconfig.node.json', 'tests', 'scripts'].map((p) => (p.endsWith('.json') ? p : `${p}/tsconfig.json`));
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');

/** @param {string} project @returns {Promise<{ project: string, code: number, output: string }>} */
function check(project) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsc, '-p', project, '--pretty'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('close', (code) => resolve({ project, code: code ?? 1, output }));
  });
}

const queue = [...projects];
let failed = 0;
const lanes = Array.from({ length: Math.max(1, Math.min(os.availableParallelism(), projects.length)) }, async () => {
  for (let p = queue.shift(); p !== undefined; p = queue.shift()) {
    const r = await check(p);
    if (r.code !== 0) {
      failed++;
      process.stdout.write(`tsc -p ${r.project}: errors\n${r.output}\n`);
    } else console.log(`tsc -p ${r.project}: ok`);
  }
});
await Promise.all(lanes);
process.exit(failed > 0 ? 1 : 0);
