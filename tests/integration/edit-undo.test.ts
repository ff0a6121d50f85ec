import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Edit } from '../../shared/api/edit.js';
import { PlannerError } from '../../shared/api/errors.js';
import { applyEdits } from '../../electron/core/edit/apply.js';
import { redoLast, undoLast } from '../../electron/core/edit/undo.js';
import { Project } from '../../electron/core/project/project.js';
import { TALLY_BY, tallyRemediated } from '../../electron/core/tally/tally.js';
import { contentChecksum } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/tmp.js';
import { codesWithStatus, eventCount, fidOf, rowJson, sampleCopy } from './edit-sample.js';

const dir = makeTempDir('edit-undo');
const T0 = new Date('2023-08-01T08:00:00.000Z');
let p: Project;
let file: string;

beforeAll(() => {
  file = sampleCopy(dir, 'undo');
  p = Project.open(file);
});
afterAll(() => {
  p.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Everything an edit can touch: the rows in full and every tally, as JSON. */
function snapshot(fids: { parcels: number[]; transfers: number[]; factories: number[] }): string {
  const settings = p.getSettings();
  return JSON.stringify({
    rows: Object.entries(fids).map(([table, list]) => list.map((fid) => rowJson(p, table, fid))),
    tallies: TALLY_BY.flatMap((by) => [2022, 2023].map((year) => tallyRemediated(p.db, settings, year, by))),
  });
}

const events = (batchId: number): { field: string; old_value: string | null; new_value: string | null; actor: string }[] =>
  p.db.prepare('SELECT field, old_value, new_value, actor FROM events WHERE batch_id = ? ORDER BY fid').all(batchId) as never;

describe('undo and redo', () => {
  it('round-trips every field, every row and every tally of a mixed batch', () => {
    const idle = codesWithStatus(p, '未启动', 30);
    const done = codesWithStatus(p, '已完成', 5);
    const transfer = p.db.prepare('SELECT fid FROM transfers ORDER BY fid LIMIT 1').pluck().get() as number;
    const factory = p.db.prepare('SELECT fid FROM factories ORDER BY fid LIMIT 1').pluck().get() as number;
    const fids = { parcels: [...idle, ...done].map((c) => fidOf(p, c)), transfers: [transfer], factories: [factory] };
    const edits: Edit[] = [
      ...idle.flatMap((code): Edit[] => [
        { code, field: 'status', value: '已完成' },
        { code, field: 'completed_on', value: '2023-05-04' },
        { code, field: 'method', value: '改造提升' },
      ]),
      ...done.flatMap((code): Edit[] => [
        { code, field: 'status', value: '整治中' },
        { code, field: 'owner', value: '永康市测试五金有限公司' },
        { code, field: 'tenure', value: '集体' },
        { code, field: 'per_mu_class', value: 'a' },
        { code, field: 'block_code', value: null },
        { code, field: 'address', value: '  新地址 1 号 ' },
      ]),
      { table: 'transfers', fid: transfer, field: 'area_m2', value: 1.5 },
      { table: 'transfers', fid: transfer, field: 'contract_date', value: '2024-01-02' },
      { table: 'factories', fid: factory, field: 'floor_m2', value: '77.25' },
      { table: 'factories', fid: factory, field: 'town', value: '' },
    ];
    const before = snapshot(fids);
    const r = applyEdits(p, edits, '张三', T0);
    const after = snapshot(fids);
    expect(after).not.toBe(before);

    const u = undoLast(p, '李四', new Date(T0.getTime() + 60_000));
    expect(u.batchId).toBe(r.batchId);
    expect(u.changed).toHaveLength(r.changed.length);
    expect(snapshot(fids)).toBe(before);

    const d = redoLast(p, '王五', new Date(T0.getTime() + 120_000));
    expect(d.batchId).toBe(r.batchId);
    expect(snapshot(fids)).toBe(after);

    // Each of edit, undo and redo left exactly one event per field it changed.
    const batches = p.db.prepare('SELECT fid, kind, actor, change_count FROM edit_batches ORDER BY fid').all() as { fid: number; kind: string; actor: string; change_count: number }[];
    expect(batches.map((b) => [b.kind, b.actor, b.change_count])).toEqual([
      ['edit', '张三', r.changed.length],
      ['undo', '李四', r.changed.length],
      ['redo', '王五', r.changed.length],
    ]);
    const [e, un, re] = batches.map((b) => events(b.fid));
    expect(e).toHaveLength(r.changed.length);
    // The undo's events are the edit's, reversed, old ↔ new; the redo's are the edit's again.
    expect(un?.map((x) => [x.field, x.new_value, x.old_value])).toEqual([...(e ?? [])].reverse().map((x) => [x.field, x.old_value, x.new_value]));
    expect(re?.map((x) => [x.field, x.old_value, x.new_value])).toEqual(e?.map((x) => [x.field, x.old_value, x.new_value]));
  });

  it('undoes in reverse order, redoes in the order undone, and a new edit clears the redo stack', () => {
    const [a, b, c] = codesWithStatus(p, '未启动', 3) as [string, string, string];
    const owner = (code: string): unknown => p.db.prepare('SELECT owner FROM parcels WHERE code = ?').pluck().get(code);
    const a0 = owner(a);
    const b0 = owner(b);
    const ra = applyEdits(p, [{ code: a, field: 'owner', value: 'A1' }], 't', T0);
    const rb = applyEdits(p, [{ code: b, field: 'owner', value: 'B1' }], 't', T0);
    expect(undoLast(p, 't', T0).batchId).toBe(rb.batchId);
    expect(undoLast(p, 't', T0).batchId).toBe(ra.batchId);
    expect([owner(a), owner(b)]).toEqual([a0, b0]);
    expect(redoLast(p, 't', T0).batchId).toBe(ra.batchId);
    expect([owner(a), owner(b)]).toEqual(['A1', b0]);
    // b's edit is still on the redo stack, until a new edit is made.
    applyEdits(p, [{ code: c, field: 'owner', value: 'C1' }], 't', T0);
    expect(redoLast(p, 't', T0)).toEqual({ batchId: null, changed: [] });
    expect(owner(b)).toBe(b0);
    const state = p.db.prepare('SELECT state FROM edit_batches WHERE fid = ?').pluck().get(rb.batchId);
    expect(state).toBe('discarded');
  });

  it('returns batchId null when there is nothing to undo or redo, and writes nothing', () => {
    const fresh = Project.open(sampleCopy(dir, 'empty'));
    try {
      const n = eventCount(fresh);
      expect(undoLast(fresh, 't', T0)).toEqual({ batchId: null, changed: [] });
      expect(redoLast(fresh, 't', T0)).toEqual({ batchId: null, changed: [] });
      expect(eventCount(fresh)).toBe(n);
    } finally {
      fresh.close();
    }
  });

  it('refuses to undo over a change made outside the edit path, and changes nothing', () => {
    const [code] = codesWithStatus(p, '未启动', 1) as [string];
    applyEdits(p, [{ code, field: 'address', value: '甲路 1 号' }], 't', T0);
    p.db.prepare('UPDATE parcels SET address = ? WHERE code = ?').run('乙路 2 号', code);
    p.db.pragma('wal_checkpoint(TRUNCATE)');
    const sum = contentChecksum(file);
    let err: unknown;
    try {
      undoLast(p, 't', T0);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PlannerError);
    expect((err as PlannerError).code).toBe('undo_conflict');
    expect((err as PlannerError).messageZh).toContain(`地块 ${code}`);
    expect(contentChecksum(file)).toBe(sum);
  });
});
