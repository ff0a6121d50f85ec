import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../shared/api/contract.js';
import { UPLOAD_NAME, type LedgerPreview, type LedgerReport } from '../../shared/api/import.js';
import { createCore, type Core } from '../../electron/core/core.js';
import { Project } from '../../electron/core/project/project.js';
import { makeLedgerFixtures, type LedgerFixtures } from '../fixtures/ledgers/make-ledger-fixtures.js';
import { sampleCopy } from '../fixtures/ledgers/sample-copy.js';
import { contentChecksum } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/tmp.js';

/**
 * Ledgers as the app imports them: upload (side channel), importPreview (dry run in a worker),
 * importStart → importFinished with the ledger report, dataChanged for the dashboard.
 */
const dir = makeTempDir('ledgers-app');
let fx: LedgerFixtures;
let core: Core;
let projectPath: string;
const events: { name: EventName; payload: unknown }[] = [];

beforeAll(async () => {
  projectPath = sampleCopy(dir, 'app.gpkg');
  fx = await makeLedgerFixtures(`${dir}/fixtures`, projectPath);
  core = createCore(Project.open(projectPath), (name, payload) => events.push({ name, payload }));
}, 120_000);
afterAll(async () => {
  await core?.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

function finished(taskId: string): Promise<EventPayload<'importFinished'>> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      const e = events.find((x) => x.name === 'importFinished' && (x.payload as { taskId: string }).taskId === taskId);
      if (e) {
        clearInterval(poll);
        resolve(e.payload as EventPayload<'importFinished'>);
      } else if (Date.now() - started > 60_000) {
        clearInterval(poll);
        reject(new Error('no importFinished'));
      }
    }, 50);
  });
}

describe('ledger import in the app', () => {
  it('accepts .xlsx and .csv uploads', () => {
    expect(UPLOAD_NAME.test('出让台账.xlsx')).toBe(true);
    expect(UPLOAD_NAME.test('标准厂房台账.CSV')).toBe(true);
    expect(UPLOAD_NAME.test('台账.xls')).toBe(false);
  });

  it('previews without writing, then imports all or nothing with the report in importFinished', async () => {
    core.stageUpload('ledger-upload-1', '出让台账.xlsx', fs.readFileSync(fx.transfers.xlsx));
    const before = contentChecksum(projectPath);
    const preview = (await core.importPreview({ uploadId: 'ledger-upload-1', layer: 'transfers' })) as LedgerPreview;
    expect(preview).toMatchObject({ kind: 'ledger', layer: 'transfers', format: 'xlsx', valid: fx.transfers.expected.length, parcelCodesChecked: true });
    expect(preview.unknownCodes.map((u) => u.code)).toEqual([fx.transfers.unknown.code]);
    expect(preview.invalid.map((i) => i.row)).toEqual([fx.transfers.badDate.row]);
    expect(contentChecksum(projectPath)).toBe(before);

    // Default: rejected, nothing changed.
    const { taskId: rejectedTask } = await core.importStart({ uploadId: 'ledger-upload-1', layer: 'transfers' });
    const refused = await finished(rejectedTask);
    expect(refused.ok).toBe(false);
    expect(refused.error?.code).toBe('invalid_rows');
    expect(contentChecksum(projectPath)).toBe(before);

    // Skip: the valid rows go in; the report lists what was left out.
    const { taskId } = await core.importStart({ uploadId: 'ledger-upload-1', layer: 'transfers', onInvalid: 'skip' });
    const done = await finished(taskId);
    expect(done.ok, JSON.stringify(done.error)).toBe(true);
    const report = done.report as LedgerReport;
    expect(report).toMatchObject({ kind: 'ledger', imported: fx.transfers.expected.length, skipped: 2 });
    expect(report.unknownCodes).toEqual([{ ...fx.transfers.unknown, action: 'skipped' }]);
    expect(events.some((e) => e.name === 'dataChanged' && (e.payload as { layers: string[] }).layers.length === 0)).toBe(true);

    const db = new Database(projectPath, { readonly: true });
    try {
      const codes = fx.transfers.expected.map((e) => e.parcel_code);
      const n = db.prepare(`SELECT count(*) FROM transfers WHERE parcel_code IN (${codes.map(() => '?').join(',')})`).pluck().get(...codes);
      expect(n).toBe(codes.length);
    } finally {
      db.close();
    }
  }, 120_000);

  it('imports a factory ledger uploaded as .xlsx', async () => {
    core.stageUpload('ledger-upload-2', '标准厂房台账.xlsx', fs.readFileSync(fx.factories.xlsx));
    const { taskId } = await core.importStart({ uploadId: 'ledger-upload-2', layer: 'factories' });
    const done = await finished(taskId);
    expect(done.ok, JSON.stringify(done.error)).toBe(true);
    expect(done.report).toMatchObject({ kind: 'ledger', layer: 'factories', imported: fx.factories.expected.length });
  }, 120_000);
});
