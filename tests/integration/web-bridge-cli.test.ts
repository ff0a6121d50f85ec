import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Project } from '../../electron/core/project/project.js';
import { webClient } from '../contract/clients.js';
import { createFixtureProject } from '../contract/fixture-project.js';
import { makeTempDir } from '../helpers/tmp.js';

/** `npm run web` as a user (or the e2e test) runs it: one stdout line with the URL and token. */
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const URL_LINE = /http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+)/;

let dir: string;
let projectFile: string;

beforeAll(() => {
  dir = makeTempDir('web-cli');
  const p = createFixtureProject(dir, 'cli-project');
  projectFile = p.path;
  p.close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Started {
  child: ChildProcess;
  line: string;
  port: number;
  token: string;
  stdout: () => string;
  exit: Promise<number | null>;
}

function startCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron/web/cli-web.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL within 20 s; stderr: ${err}`)), 20_000);
    child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = URL_LINE.exec(out);
      if (m && out.includes('\n')) {
        clearTimeout(timer);
        resolve({ child, line: out.split('\n')[0] ?? '', port: Number(m[1]), token: decodeURIComponent(m[2] ?? ''), stdout: () => out, exit });
      }
    });
    void exit.then((code) => reject(new Error(`exited ${code} before announcing a URL; stderr: ${err}`)));
  });
}

describe('browser mode CLI', () => {
  it('announces one URL line with the token, serves the project, and exits cleanly on SIGTERM', async () => {
    const s = await startCli(['--port', '0', '--no-open', '--project', projectFile]);
    expect(s.line).toMatch(/^土地与项目一张图 browser mode: http:\/\/127\.0\.0\.1:\d+\/\?token=\S+$/);
    expect(s.port).toBeGreaterThan(0);
    const api = webClient(`http://127.0.0.1:${s.port}`, s.token);
    const info = await api.projectInfo({});
    expect(info.name).toBe('cli-project');
    expect(info.counts.parcels).toBe(3);
    s.child.kill('SIGTERM');
    expect(await s.exit).toBe(0);
    expect(s.stdout().trim().split('\n')).toHaveLength(1);
    // The project was closed properly: the WAL was checkpointed and the file opens again.
    expect(fs.existsSync(`${projectFile}-wal`) ? fs.statSync(`${projectFile}-wal`).size : 0).toBe(0);
    Project.open(projectFile).close();
  });

  it('without --project, opens a working copy of the sample in the data folder (the sample is not modified)', async () => {
    const sample = path.join(dir, 'shipped', 'sample.gpkg');
    fs.mkdirSync(path.dirname(sample), { recursive: true });
    Project.create(sample, { name: '永康示例', isSample: true }).close();
    const before = fs.readFileSync(sample);
    const dataDir = path.join(dir, 'data');
    const s = await startCli(['--port', '0', '--no-open'], { LANDPLANNER_DATA_DIR: dataDir, LANDPLANNER_SAMPLE: sample });
    try {
      const api = webClient(`http://127.0.0.1:${s.port}`, s.token);
      const info = await api.projectInfo({});
      expect(info.isSample).toBe(true);
      expect(info.path.startsWith(dataDir)).toBe(true);
      await api.updateSettings({ locale: 'en' });
    } finally {
      s.child.kill('SIGINT');
      expect(await s.exit).toBe(0);
    }
    expect(fs.readFileSync(sample).equals(before)).toBe(true);
  });

  it('refuses a bad --port', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron/web/cli-web.ts'), '--port', 'abc', '--no-open'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(err).toContain('--port');
  });
});
