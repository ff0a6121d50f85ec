import path from 'node:path';
import { report, type Bench } from './harness.js';
import { briefingBench } from './briefing.bench.js';
import { editTallyBench } from './edit-tally.bench.js';
import { importBench } from './import.bench.js';
import { layerReadBench } from './layer-read.bench.js';
import { mapBench } from './map.bench.js';
import { startupBench } from './startup.bench.js';
import { selectBench } from './select.bench.js';
import { attributeTableBench } from './attribute-table.bench.js';

/** `npm run bench [-- NAME…]`: runs the named benchmarks (all when none is named). */
const BENCHES: Bench[] = [layerReadBench, startupBench, importBench, editTallyBench, briefingBench, mapBench, selectBench, attributeTableBench];

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = wanted.filter((w) => !BENCHES.some((b) => b.name === w));
  if (unknown.length > 0) {
    console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Available: ${BENCHES.map((b) => b.name).join(', ')}`);
    process.exit(2);
  }
  const outDir = path.resolve(import.meta.dirname, '../../bench-results');
  for (const bench of BENCHES.filter((b) => wanted.length === 0 || wanted.includes(b.name))) {
    const result = await bench.run();
    console.log(`wrote ${report(bench, result, outDir)}`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
