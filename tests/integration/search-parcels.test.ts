import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEdits } from '../../electron/core/edit/apply.js';
import { Project } from '../../electron/core/project/project.js';
import { searchParcels, syncSearchIndex } from '../../electron/core/search/search.js';
import { makeTempDir } from '../helpers/tmp.js';
import { sampleCopy } from './edit-sample.js';

const dir = makeTempDir('search');
let file: string;
let p: Project;

beforeAll(() => {
  file = sampleCopy(dir, 'search');
  p = Project.open(file);
});
afterAll(() => {
  p.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The oracle: a plain substring scan of the four columns in JavaScript. */
function scan(term: string): Set<string> {
  const rows = p.db.prepare('SELECT code, owner, town, address FROM parcels').all() as Record<string, string | null>[];
  return new Set(rows.filter((r) => Object.values(r).some((v) => v !== null && v.toLowerCase().includes(term.toLowerCase()))).map((r) => r.code as string));
}

const codes = (q: string, limit = 10_000): string[] => searchParcels(p.db, q, limit).map((h) => h.code as string);

describe('searchParcels', () => {
  it.each([
    ['五金', 'a 2-character owner/address fragment (LIKE fallback)'],
    ['东城', 'a 2-character town fragment (LIKE fallback)'],
    ['五金大道', 'a 4-character street name (FTS trigram)'],
    ['东城街道', 'a whole town name (FTS trigram)'],
    ['模具有限', 'an owner fragment (FTS trigram)'],
    ['yk2023-0012', 'a code fragment, case-insensitive (FTS trigram)'],
    ['9', 'a single character (LIKE fallback)'],
  ])('finds every parcel containing %s — %s', (q) => {
    const expected = scan(q);
    expect(expected.size).toBeGreaterThan(0);
    expect(new Set(codes(q))).toEqual(expected);
  });

  it('needs every space-separated term to match (mixing FTS and LIKE terms)', () => {
    const wujin = scan('五金');
    const both = [...scan('东城街道')].filter((c) => wujin.has(c));
    expect(both.length).toBeGreaterThan(0);
    expect(new Set(codes('东城街道 五金'))).toEqual(new Set(both));
  });

  it('ranks the exact code first, then codes that start with the query', () => {
    const hits = codes('YK2023-00100', 20);
    expect(hits[0]).toBe('YK2023-00100');
    const prefix = codes('YK2023-001', 50);
    expect(prefix.every((c) => c.startsWith('YK2023-001'))).toBe(true);
    expect(codes('yk2023-00100', 1)).toEqual(['YK2023-00100']);
  });

  it('returns the fields and bbox the map needs, and honours the limit', () => {
    const [hit] = searchParcels(p.db, 'YK2023-00003', 1);
    expect(hit).toMatchObject({ code: 'YK2023-00003', town: '东城街道', status: expect.any(String) });
    const [minX, minY, maxX, maxY] = hit?.bbox ?? [];
    expect(minX).toBeLessThan(maxX as number);
    expect(minY).toBeLessThan(maxY as number);
    expect(minX).toBeGreaterThan(119);
    expect(searchParcels(p.db, '街道', 7)).toHaveLength(7);
    expect(searchParcels(p.db, '   ', 7)).toEqual([]);
    expect(searchParcels(p.db, '不存在的名字', 7)).toEqual([]);
    expect(searchParcels(p.db, '100%_', 7)).toEqual([]);
  });

  it('finds an owner changed through the edit path at once', () => {
    applyEdits(p, [{ code: 'YK2023-00010', field: 'owner', value: '永康市鑫磊五金制品厂' }], 'tester', new Date('2023-08-01T00:00:00Z'));
    expect(codes('鑫磊五金')).toEqual(['YK2023-00010']);
  });

  it('catches up with rows changed by another program (GDAL) on the next search', () => {
    p.db.pragma('wal_checkpoint(TRUNCATE)');
    const r = spawnSync('ogrinfo', [file, '-sql', "UPDATE parcels SET owner = '浙江奥拓奇电器有限公司' WHERE code = 'YK2023-00011'"], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const r2 = spawnSync('ogrinfo', [file, '-sql', "UPDATE parcels SET address = '测试坊巷 7 号' WHERE code = 'YK2023-00012'"], { encoding: 'utf8' });
    expect(r2.status, r2.stderr).toBe(0);
    expect(codes('奥拓奇')).toEqual(['YK2023-00011']);
    expect(codes('测试坊巷')).toEqual(['YK2023-00012']);
    expect(syncSearchIndex(p.db)).toBe(0);
  });
});
