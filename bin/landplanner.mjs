#!/usr/bin/env node
// `landplanner` — the planner's command line, over the same core as the app (electron/core).
// Runs the TypeScript sources through tsx (a dev dependency) when used from the repository.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
