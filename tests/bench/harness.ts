import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A benchmark's result: our figures, the peer tool's figures from the same run, and ratios. */
export interface BenchResult {
  figures: Record<string, number>;
  peers: Record<string, number>;
  ratios: Record<string, number>;
  notes?: string[];
}

export interface Bench {
  name: string;
  description: string;
  run(): Promise<BenchResult>;
}

export function machine(): Record<string, string | number> {
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  };
}

/** Prints the figures as a table and writes bench-results/NAME.json. */
export function report(bench: Bench, result: BenchResult, outDir: string): string {
  const rows: [string, string, string][] = [];
  for (const [k, v] of Object.entries(result.figures)) rows.push(['figure', k, fmt(v)]);
  for (const [k, v] of Object.entries(result.peers)) rows.push(['peer', k, fmt(v)]);
  for (const [k, v] of Object.entries(result.ratios)) rows.push(['ratio', k, fmt(v)]);
  const w1 = Math.max(...rows.map((r) => r[1].length), 4);
  console.log(`\n## ${bench.name} — ${bench.description}`);
  for (const [kind, k, v] of rows) console.log(`${kind.padEnd(7)} ${k.padEnd(w1)}  ${v}`);
  for (const n of result.notes ?? []) console.log(`note    ${n}`);
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `${bench.name}.json`);
  fs.writeFileSync(file, `${JSON.stringify({ name: bench.name, figures: result.figures, peers: result.peers, ratios: result.ratios, notes: result.notes ?? [], machine: machine(), at: new Date().toISOString() }, null, 2)}\n`);
  return file;
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(Math.abs(v) < 10 ? 3 : 1);
}

/** Empty figure, peer and ratio tables for a benchmark to fill in. */
export function emptyResult(): BenchResult {
  return { figures: {}, peers: {}, ratios: {} };
}

/** Runs `fn` in a fresh temporary folder (named after `prefix`), removed afterwards however `fn` ends. */
export async function inTempDir<T>(prefix: string, fn: (dir: string) => T | Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  try {
    return await fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Median wall time in ms of `fn` over `runs` runs (after one warm-up). */
export async function medianMs(runs: number, fn: () => unknown | Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? NaN;
}
