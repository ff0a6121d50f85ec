import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LAYER_IDS } from '../../shared/api/layers.js';
import { Project } from '../../electron/core/project/project.js';
import { generateSample, SAMPLE_PROJECT_NAME } from '../../gis-data/generator/index.js';
import { writeSampleProject } from '../../gis-data/generator/write-sample.js';
import { makeTempDir } from '../helpers/tmp.js';

const root = path.resolve(__dirname, '../..');
const dir = makeTempDir('sample');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const OPTIONS = { seed: 11, parcelCount: 300 };

function tableCount(p: Project, table: string): number {
  return (p.db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
}

describe('the sample project file', () => {
  const file = path.join(dir, 'sample.gpkg');
  const data = generateSample(OPTIONS);
  const summary = writeSampleProject(file, OPTIONS);

  it('is written in one piece: no temporary file or sidecar is left behind', () => {
    expect(fs.readdirSync(dir)).toEqual(['sample.gpkg']);
    expect(summary.counts.parcels).toBe(300);
  });

  it('reopens as a sample project with every layer and ledger filled', () => {
    const p = Project.open(file);
    try {
      const info = p.info();
      expect(info.isSample).toBe(true);
      expect(info.name).toBe(SAMPLE_PROJECT_NAME);
      expect(info.crs).toBe('EPSG:4490');
      for (const layer of p.listLayers()) expect(layer.featureCount, layer.id).toBe(data.layers[layer.id].length);
      expect(LAYER_IDS.every((id) => data.layers[id].length > 0)).toBe(true);
      expect(tableCount(p, 'transfers')).toBe(data.transfers.length);
      expect(tableCount(p, 'factories')).toBe(data.factories.length);
      expect(tableCount(p, 'goals')).toBe(8);
      expect(tableCount(p, 'metric_entries')).toBe(data.metricEntries.length);
      // The project computed the ellipsoidal areas the generator left out.
      const missing = p.db.prepare('SELECT count(*) AS n FROM parcels WHERE area_m2 IS NULL OR area_m2 <= 0').get() as { n: number };
      expect(missing.n).toBe(0);
      const blocks = p.features('key_blocks').features.map((f) => f.properties['name']);
      expect(blocks).toContain('老长城区块');
      expect(blocks).toContain('九里山区块');
    } finally {
      p.close();
    }
  });

  it('is read by GDAL (ogrinfo) without a warning or an error', () => {
    const r = spawnSync('ogrinfo', ['-ro', '-so', '-al', file], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(/warning|error/i);
    for (const layer of [...LAYER_IDS, 'transfers', 'factories', 'goals', 'metric_entries']) {
      expect(r.stdout).toContain(`Layer name: ${layer}`);
    }
    expect(r.stdout).toMatch(/Layer name: parcels[\s\S]*?Feature Count: 300\n/);
  });

  it('replaces an existing sample instead of adding to it', () => {
    writeSampleProject(file, OPTIONS);
    const p = Project.open(file);
    try {
      expect(p.info().counts.parcels).toBe(300);
    } finally {
      p.close();
    }
  });

  it('builds from the command line (npx tsx gis-data/generator/build-sample.ts)', () => {
    const out = path.join(dir, 'cli', 'cli-sample.gpkg');
    const r = spawnSync('npx', ['tsx', 'gis-data/generator/build-sample.ts', '--out', out, '--parcels', '120', '--seed', '5'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/parcels\s+120/);
    expect(fs.existsSync(out)).toBe(true);
  }, 120_000);
});
