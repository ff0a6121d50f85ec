import type { LedgerPreview, LedgerReport } from '../../../shared/api/import.js';
import type { Project } from '../project/project.js';
import { checkLedger, planLedgerImport, runLedgerImport, type LedgerHooks } from './ledger-import.js';
import type { LedgerImportOptions } from './plan.js';
import { openLedgerTable } from './table.js';

export { checkLedger, planLedgerImport, runLedgerImport, type LedgerHooks } from './ledger-import.js';
export type { LedgerImportOptions, LedgerPlan } from './plan.js';
export { openLedgerTable, readLedgerBytes, type LedgerTable } from './table.js';

/** Reads, plans and imports one ledger file (.xlsx or .csv) into the project: all or nothing. */
export async function importLedgerFile(project: Project, file: string, opts: LedgerImportOptions, hooks: LedgerHooks = {}): Promise<LedgerReport> {
  const table = await openLedgerTable(file, opts.layer, opts.encoding, opts.sheet);
  const plan = planLedgerImport(project.db, table, opts);
  return runLedgerImport(project, table, plan, opts, hooks);
}

/** Dry run of one ledger file; `project` (optional, read only) lets parcel codes be checked. */
export async function checkLedgerFile(file: string, opts: LedgerImportOptions, project: Project | null = null, hooks: LedgerHooks = {}): Promise<LedgerPreview> {
  const table = await openLedgerTable(file, opts.layer, opts.encoding, opts.sheet);
  return checkLedger(table, opts, project, hooks);
}
