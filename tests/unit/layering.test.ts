import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * DESIGN §2's import boundaries must fail both lint and typecheck. Probes are written to a
 * git-ignored folder inside the repo so module resolution behaves as it does for real sources.
 */
const root = path.resolve(import.meta.dirname, '../..');
const probeDir = path.join(root, '.tmp', 'layering-probe');
const eslint = new ESLint({ cwd: root });

const forbiddenInRenderer = [
  ["import fs from 'node:fs';", 'node:fs'],
  ["import { ipcRenderer } from 'electron';", 'electron'],
  ["import Database from 'better-sqlite3';", 'better-sqlite3'],
] as const;

async function lintErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

function typecheckErrors(tsconfig: string, code: string): string[] {
  fs.mkdirSync(probeDir, { recursive: true });
  const file = path.join(probeDir, `probe-${Math.random().toString(36).slice(2)}.ts`);
  fs.writeFileSync(file, `${code}\nexport const used = [x];\n`);
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(root, tsconfig), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error(`cannot read ${tsconfig}`);
  const program = ts.createProgram({ rootNames: [file], options: { ...parsed.options, noEmit: true } });
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file ? path.relative(root, d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}

afterAll(() => fs.rmSync(probeDir, { recursive: true, force: true }));

describe('renderer/ may import only shared/ and itself', () => {
  it.each(forbiddenInRenderer)('lint rejects `%s`', async (statement, mod) => {
    const errors = await lintErrors(`${statement}\nexport const y = 1;\n`, 'renderer/src/probe.ts');
    expect(errors.some((e) => e.startsWith('local/layering') && e.includes(mod))).toBe(true);
  });

  it.each(forbiddenInRenderer)('typecheck rejects `%s`', (statement) => {
    const name = statement.match(/import (?:\{ )?(\w+)/)?.[1] ?? 'x';
    const errors = typecheckErrors('renderer/tsconfig.json', `${statement}\nconst x = ${name};`);
    expect(errors.join('\n')).toMatch(/renderer\/ may import only shared\/ and itself/);
  });

  it('accepts an import from shared/', async () => {
    const code = "import { m2ToMu } from '../../shared/domain/units.js';\nexport const y = m2ToMu(1);\n";
    expect(await lintErrors(code, 'renderer/src/probe.ts')).toEqual([]);
  });
});

describe('other boundaries', () => {
  it('electron/core must not import electron', async () => {
    const errors = await lintErrors("import { app } from 'electron';\nexport const a = app;\n", 'electron/core/probe.ts');
    expect(errors.join('\n')).toMatch(/local\/layering/);
  });

  it('shared/ must not import Node or our other folders', async () => {
    expect((await lintErrors("import fs from 'node:fs';\nexport const a = fs;\n", 'shared/domain/probe.ts')).length).toBeGreaterThan(0);
    const errors = await lintErrors("import { createCore } from '../../electron/core/core.js';\nexport const a = createCore;\n", 'shared/domain/probe.ts');
    expect(errors.join('\n')).toMatch(/local\/layering/);
  });

  it('preload may import only the contract', async () => {
    const bad = await lintErrors("import { Project } from '../core/project/project.js';\nexport const a = Project;\n", 'electron/preload/probe.ts');
    expect(bad.join('\n')).toMatch(/local\/layering/);
    const good = await lintErrors("import { METHOD_NAMES } from '../../shared/api/contract.js';\nexport const a = METHOD_NAMES;\n", 'electron/preload/probe.ts');
    expect(good).toEqual([]);
  });

  it('shared/ typechecks without Node types', () => {
    const errors = typecheckErrors('shared/tsconfig.json', "const x: Buffer = Buffer.from('a');");
    expect(errors.join('\n')).toMatch(/Cannot find name 'Buffer'/);
  });
});
