// Entry of the bundled CLI (dist/cli/landplanner.cjs, built by scripts/build-electron.mjs).
import { main } from './main.js';

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
