import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Edit } from '../../shared/api/edit.js';
import { PlannerError } from '../../shared/api/errors.js';
import { applyEdits } from '../../electron/core/edit/apply.js';
import { Project } from '../../electron/core/project/project.js';
import { tallyRemediated } from '../../electron/core/tally/tally.js';
import { contentChecksum } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/tmp.js';
import { codesWithStatus, eventCount, fidOf, rowJson, sampleCopy } from './edit-sample.js';

const dir = makeTempDir('edit-apply');
const NOW = new Date('2023-08-01T09:30:00.000Z');
let file: string;
let p: Project;

beforeAll(() => {
  file = sampleCopy(dir, 'apply');
  p = Project.open(file);
});
afterAll(() => {
  p.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface EventRow {
  at: string;
  actor: string;
  table_name: string;
  row_fid: number;
  field: string;
  old_value: string | null;
  new_value: string | null;
  batch_id: number;
  undone: number;
}
const eventsOf = (batchId: number): EventRow[] => p.db.prepare('SELECT * FROM events WHERE batch_id = ? ORDER BY fid').all(batchId) as EventRow[];

function refusal(edits: Edit[]): PlannerError {
  try {
    applyEdits(p, edits, '测试员', NOW);
  } catch (e) {
    expect(e).toBeInstanceOf(PlannerError);
    return e as PlannerError;
  }
  throw new Error('expected the edit to be refused');
}

describe('applyEdits: the one edit path', () => {
  it('writes the new values and exactly one audit event per changed field, in one batch', () => {
    const [code] = codesWithStatus(p, '未启动', 1) as [string];
    const fid = fidOf(p, code);
    const before = p.db.prepare('SELECT owner, method FROM parcels WHERE fid = ?').get(fid) as { owner: string; method: string | null };
    const r = applyEdits(
      p,
      [
        { code, field: 'status', value: '已完成' },
        { code, field: 'completed_on', value: '2023-07-20' },
        { code, field: 'owner', value: before.owner }, // no-op: no event
        { code, field: 'method', value: '拆除重建' },
      ],
      '张三',
      NOW,
    );
    expect(r.batchId).not.toBeNull();
    expect(r.changed.map((c) => [c.field, c.old, c.new])).toEqual([
      ['status', '未启动', '已完成'],
      ['completed_on', null, '2023-07-20'],
      ['method', before.method, '拆除重建'],
    ]);
    const ev = eventsOf(r.batchId as number);
    expect(ev.map((e) => [e.table_name, e.row_fid, e.field, e.old_value, e.new_value])).toEqual([
      ['parcels', fid, 'status', '未启动', '已完成'],
      ['parcels', fid, 'completed_on', null, '2023-07-20'],
      ['parcels', fid, 'method', before.method, '拆除重建'],
    ]);
    expect(ev.every((e) => e.actor === '张三' && e.at === NOW.toISOString() && e.undone === 0)).toBe(true);
    const row = p.db.prepare('SELECT status, completed_on, method FROM parcels WHERE fid = ?').get(fid);
    expect(row).toEqual({ status: '已完成', completed_on: '2023-07-20', method: '拆除重建' });
    const batch = p.db.prepare('SELECT * FROM edit_batches WHERE fid = ?').get(r.batchId) as Record<string, unknown>;
    expect(batch).toMatchObject({ actor: '张三', kind: 'edit', state: 'applied', change_count: 3 });
  });

  it('writes nothing for a no-op edit: no event, no batch, the file unchanged', () => {
    const [code] = codesWithStatus(p, '整治中', 1) as [string];
    p.db.pragma('wal_checkpoint(TRUNCATE)');
    const sum = contentChecksum(file);
    const events = eventCount(p);
    const r = applyEdits(p, [{ code, field: 'status', value: '整治中' }], '张三', NOW);
    expect(r).toEqual({ batchId: null, changed: [] });
    expect(eventCount(p)).toBe(events);
    expect(contentChecksum(file)).toBe(sum);
  });

  it('changes a selection in one batch (bulk status change) and the tally follows', () => {
    const codes = codesWithStatus(p, '整治中', 40);
    const settings = p.getSettings();
    const before = tallyRemediated(p.db, settings, 2023, 'block').total;
    const areaM2 = p.db.prepare(`SELECT sum(area_m2) FROM parcels WHERE code IN (${codes.map(() => '?').join(',')})`).pluck().get(...codes) as number;
    const edits: Edit[] = codes.flatMap((code) => [
      { code, field: 'status', value: '已完成' },
      { code, field: 'completed_on', value: '2023-06-30' },
    ]);
    const r = applyEdits(p, edits, '李四', NOW);
    expect(r.changed).toHaveLength(codes.length * 2);
    expect(eventsOf(r.batchId as number)).toHaveLength(codes.length * 2);
    const after = tallyRemediated(p.db, settings, 2023, 'block').total;
    expect(after.count).toBe(before.count + codes.length);
    expect(after.areaM2).toBeCloseTo(before.areaM2 + areaM2, 6);
  });

  it('edits transfer and factory records, numbers and dates typed', () => {
    const t = p.db.prepare('SELECT fid, parcel_code, area_m2 FROM transfers ORDER BY fid LIMIT 1').get() as { fid: number; parcel_code: string; area_m2: number };
    const f = p.db.prepare('SELECT fid, code FROM factories ORDER BY fid LIMIT 1').get() as { fid: number; code: string };
    const r = applyEdits(
      p,
      [
        { table: 'transfers', fid: t.fid, field: 'area_m2', value: '12345.67' },
        { table: 'transfers', code: t.parcel_code, field: 'price_wan', value: 999.5 },
        { table: 'factories', code: f.code, field: 'floor_m2', value: 50000 },
        { table: 'factories', fid: f.fid, field: 'completed_on', value: '2023-09-01' },
      ],
      '王五',
      NOW,
    );
    expect(r.changed.map((c) => [c.table, c.field, c.new])).toEqual([
      ['transfers', 'area_m2', 12345.67],
      ['transfers', 'price_wan', 999.5],
      ['factories', 'floor_m2', 50000],
      ['factories', 'completed_on', '2023-09-01'],
    ]);
    expect(p.db.prepare('SELECT area_m2, price_wan FROM transfers WHERE fid = ?').get(t.fid)).toEqual({ area_m2: 12345.67, price_wan: 999.5 });
    expect(eventsOf(r.batchId as number).map((e) => e.new_value)).toEqual(['12345.67', '999.5', '50000', '2023-09-01']);
  });

  it('keeps completed_on as history when a parcel goes back to a not-done status', () => {
    const [code] = codesWithStatus(p, '已完成', 1) as [string];
    const fid = fidOf(p, code);
    const date = p.db.prepare('SELECT completed_on FROM parcels WHERE fid = ?').pluck().get(fid);
    applyEdits(p, [{ code, field: 'status', value: '整治中' }], '张三', NOW);
    expect(p.db.prepare('SELECT status, completed_on FROM parcels WHERE fid = ?').get(fid)).toEqual({ status: '整治中', completed_on: date });
    // Back to done: the date must be given again, since it decides the year the parcel counts in.
    expect(refusal([{ code, field: 'status', value: '已完成' }]).code).toBe('edit_needs_completion_date');
    applyEdits(p, [{ code, field: 'status', value: '已完成' }, { code, field: 'completed_on', value: date as string }], '张三', NOW);
    // done → another done status keeps the date it has.
    const r = applyEdits(p, [{ code, field: 'status', value: '已验收' }], '张三', NOW);
    expect(r.changed.map((c) => c.field)).toEqual(['status']);
  });

  describe('refuses invalid edits and changes nothing', () => {
    const cases: [string, () => Edit[], string, RegExp][] = [
      ['an unknown field', () => [{ code: 'YK2023-00001', field: 'area_m2', value: 1 }], 'edit_unknown_field', /地块 YK2023-00001.*area_m2/],
      ['an unknown parcel', () => [{ code: 'YK2023-99999', field: 'owner', value: 'x' }], 'edit_unknown_row', /YK2023-99999/],
      ['an unknown fid', () => [{ fid: 999_999, field: 'owner', value: 'x' }], 'edit_unknown_row', /#999999/],
      ['a status not in the vocabulary', () => [{ code: 'YK2023-00001', field: 'status', value: '完成了' }], 'edit_invalid_value', /地块 YK2023-00001 的整治状态\(status\).*完成了/],
      ['a done status without its date', () => [{ code: 'YK2023-00002', field: 'status', value: '已完成' }], 'edit_needs_completion_date', /地块 YK2023-00002.*完成日期/],
      ['an impossible date', () => [{ code: 'YK2023-00001', field: 'completed_on', value: '2023-02-30' }], 'edit_invalid_value', /完成日期/],
      ['a date in another form', () => [{ code: 'YK2023-00001', field: 'completed_on', value: '2023/07/01' }], 'edit_invalid_value', /YYYY-MM-DD/],
      ['a method not in the vocabulary', () => [{ code: 'YK2023-00001', field: 'method', value: '推倒' }], 'edit_invalid_value', /整治方式/],
      ['a tenure other than 国有/集体', () => [{ code: 'YK2023-00001', field: 'tenure', value: '私有' }], 'edit_invalid_value', /国有、集体/],
      ['a per-mu class outside A–D', () => [{ code: 'YK2023-00001', field: 'per_mu_class', value: 'E' }], 'edit_invalid_value', /亩均等级/],
      ['an unknown block', () => [{ code: 'YK2023-00001', field: 'block_code', value: 'ZD99' }], 'edit_invalid_value', /ZD99/],
      ['the same field twice', () => [{ code: 'YK2023-00001', field: 'owner', value: 'a' }, { code: 'YK2023-00001', field: 'owner', value: 'b' }], 'edit_duplicate', /两次/],
      ['a negative transfer area', () => [{ table: 'transfers', fid: 1, field: 'area_m2', value: -5 }], 'edit_invalid_value', /出让记录 #1/],
      ['a factory on an unknown parcel', () => [{ table: 'factories', fid: 1, field: 'parcel_code', value: 'NOPE' }], 'edit_invalid_value', /NOPE/],
      // A valid first edit does not get written when a later one is refused.
      ['a batch with one bad edit', () => [{ code: 'YK2023-00001', field: 'owner', value: '新主人' }, { code: 'YK2023-00002', field: 'tenure', value: '?' }], 'edit_invalid_value', /YK2023-00002/],
    ];
    it.each(cases)('%s', (_name, edits, code, zh) => {
      p.db.pragma('wal_checkpoint(TRUNCATE)');
      const sum = contentChecksum(file);
      const e = refusal(edits());
      expect(e.code).toBe(code);
      expect(e.messageZh).toMatch(zh);
      expect(contentChecksum(file)).toBe(sum);
    });
  });

  it('keeps the audit log append-only', () => {
    expect(() => p.db.prepare('UPDATE events SET actor = ?').run('x')).toThrow(/append-only/);
    expect(() => p.db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
  });

  it('every field change in the file has exactly one audit event', () => {
    // Replaying the log from the shipped values gives today's values, field by field.
    const rows = p.db
      .prepare("SELECT row_fid, field, new_value FROM events WHERE table_name = 'parcels' ORDER BY fid")
      .all() as { row_fid: number; field: string; new_value: string | null }[];
    const last = new Map<string, string | null>();
    for (const r of rows) last.set(`${r.row_fid}/${r.field}`, r.new_value);
    for (const [key, value] of last) {
      const [fid, field] = key.split('/') as [string, string];
      const now = p.db.prepare(`SELECT "${field}" FROM parcels WHERE fid = ?`).pluck().get(Number(fid));
      expect(now === null ? null : String(now), key).toBe(value);
    }
    expect(rowJson(p, 'parcels', 1)).toContain('"code":"YK2023-00001"');
  });
});
