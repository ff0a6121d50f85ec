import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../shared/api/contract.js';
import type { EditResult, ParcelCard } from '../../shared/api/edit.js';
import { PlannerError } from '../../shared/api/errors.js';
import { createCore } from '../../electron/core/core.js';
import { Project } from '../../electron/core/project/project.js';
import { tallyRemediated } from '../../electron/core/tally/tally.js';
import { inProcessClient } from '../contract/clients.js';
import { contentChecksum, landplanner } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/tmp.js';
import { sampleCopy } from './edit-sample.js';

const dir = makeTempDir('edit-cli');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function blockTally(file: string): string {
  const p = Project.open(file);
  try {
    return JSON.stringify(tallyRemediated(p.db, p.getSettings(), 2023, 'block'));
  } finally {
    p.close();
  }
}

describe('landplanner set / undo / redo / trace', () => {
  const file = sampleCopy(dir, 'cli');
  const code = 'YK2023-00002';

  it('sets fields through the edit path, undoes and redoes them, and traces the history', () => {
    const tally0 = blockTally(file);
    const set = landplanner(['set', '--project', file, code, 'status=已完成', 'completed_on=2023-07-31', 'method=腾退收储', '--actor', '张三']);
    expect(set.status, set.stdout + set.stderr).toBe(0);
    const r = set.json as unknown as EditResult;
    expect(r.batchId).toEqual(expect.any(Number));
    expect(r.changed.map((c) => [c.field, c.old, c.new])).toEqual([
      ['status', '未启动', '已完成'],
      ['completed_on', null, '2023-07-31'],
      ['method', null, '腾退收储'],
    ]);
    const tally1 = blockTally(file);
    expect(tally1).not.toBe(tally0);

    const undo = landplanner(['undo', '--project', file, '--actor', '李四']);
    expect(undo.status).toBe(0);
    expect((undo.json as unknown as EditResult).batchId).toBe(r.batchId);
    expect(blockTally(file)).toBe(tally0);

    const redo = landplanner(['redo', '--project', file]);
    expect((redo.json as unknown as EditResult).batchId).toBe(r.batchId);
    expect(blockTally(file)).toBe(tally1);

    const trace = landplanner(['trace', '--project', file, code]);
    expect(trace.status).toBe(0);
    const card = trace.json as unknown as ParcelCard;
    expect(card).toMatchObject({ code, status: '已完成', completedOn: '2023-07-31', method: '腾退收储', statusDone: true });
    expect(card.history.map((h) => [h.kind, h.actor, h.field])).toEqual([
      ['edit', '张三', 'status'],
      ['edit', '张三', 'completed_on'],
      ['edit', '张三', 'method'],
      ['undo', '李四', 'method'],
      ['undo', '李四', 'completed_on'],
      ['undo', '李四', 'status'],
      ['redo', expect.any(String), 'status'],
      ['redo', expect.any(String), 'completed_on'],
      ['redo', expect.any(String), 'method'],
    ]);
  }, 120_000);

  it('changes several parcels in one batch: set CODE CODE field=value', () => {
    const r = landplanner(['set', '--project', file, 'YK2023-00004', 'YK2023-00006', 'tenure=集体', 'owner=']);
    expect(r.status, r.stdout).toBe(0);
    const changed = (r.json as unknown as EditResult).changed;
    expect(new Set(changed.map((c) => c.code))).toEqual(new Set(['YK2023-00004', 'YK2023-00006']));
    expect(changed.filter((c) => c.field === 'owner').every((c) => c.new === null)).toBe(true);
  }, 120_000);

  it('refuses an invalid edit with a Chinese message naming the parcel and field, and writes nothing', () => {
    const sum = contentChecksum(file);
    const r = landplanner(['set', '--project', file, code, 'status=整治中', 'completed_on=2023-13-01']);
    expect(r.status).toBe(1);
    const error = r.json['error'] as { code: string; messageZh: string };
    expect(error.code).toBe('edit_invalid_value');
    expect(error.messageZh).toContain(`地块 ${code}`);
    expect(error.messageZh).toContain('完成日期');
    expect(landplanner(['set', '--project', file, code]).status).toBe(2);
    expect(landplanner(['trace', '--project', file, 'NO-SUCH']).json['error']).toMatchObject({ code: 'parcel_not_found' });
    expect(contentChecksum(file)).toBe(sum);
  }, 120_000);

  it('prints a readable card without --json', () => {
    const r = spawnSync(process.execPath, ['bin/landplanner.mjs', 'trace', '--project', file, code], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`地块 parcel ${code}`);
    expect(r.stdout).toMatch(/历史 history \(9\)/);
  }, 120_000);

  it('leaves a project GDAL reads without a warning', () => {
    const r = spawnSync('ogrinfo', ['-ro', '-al', '-so', file], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(/warning|error/i);
    expect(r.stdout).toContain('Layer name: edit_batches');
    expect(r.stdout).not.toContain('parcels_fts');
    expect(r.stdout).not.toContain('parcels_search_pending');
  }, 120_000);
});

describe('the edit methods over the contract', () => {
  it('apply, search, trace, undo and redo, announcing dataChanged after each change', async () => {
    const p = Project.open(sampleCopy(dir, 'core'));
    const seen: EventName[] = [];
    const core = createCore(p, (name) => seen.push(name));
    const api = inProcessClient(core);
    try {
      const r = await api.applyEdits({ edits: [{ code: 'YK2023-00005', field: 'owner', value: '永康市契约五金厂' }], actor: '测试' });
      expect(r.changed).toHaveLength(1);
      expect(seen).toEqual(['dataChanged']);
      expect((await api.searchParcels({ q: '契约五金' })).map((h) => h.code)).toEqual(['YK2023-00005']);
      expect((await api.traceParcel({ code: 'YK2023-00005' })).history).toHaveLength(1);
      expect((await api.undo({})).batchId).toBe(r.batchId);
      expect((await api.redo({})).batchId).toBe(r.batchId);
      expect(await api.undo({})).toMatchObject({ batchId: r.batchId });
      expect(seen).toHaveLength(4);
      // A no-op announces nothing.
      await api.applyEdits({ edits: [{ code: 'YK2023-00005', field: 'town', value: (await api.traceParcel({ code: 'YK2023-00005' })).town }] });
      expect(seen).toHaveLength(4);
      await expect(api.applyEdits({ edits: [{ code: 'YK2023-00005', fid: 5, field: 'owner', value: 'x' }] })).rejects.toMatchObject({ code: 'invalid_input' });
      await expect(api.traceParcel({ code: 'NOPE' })).rejects.toBeInstanceOf(PlannerError);
    } finally {
      await core.dispose();
      p.close();
    }
  });
});
