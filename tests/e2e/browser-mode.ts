import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface RunningApp {
  url: string;
  origin: string;
  token: string;
  projectPath: string;
  /** The sample project's working copy, which browser mode opens when no --project is given. */
  sampleCopy: string;
  dataDir: string;
  stop(): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * Starts browser mode exactly as `npm run web -- --no-open --port 0` does, with its own data
 * folder (so the first-run copy of the sample happens here), and reads the announced URL.
 */
export async function startBrowserMode(extraArgs: string[] = []): Promise<RunningApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'landplanner-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['scripts/start.mjs', '--browser', '--no-open', '--port', '0', ...extraArgs], {
    cwd: ROOT,
    env: { ...process.env, LANDPLANNER_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not announce a URL:\n${output}`)), 60_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const m = output.match(/http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser mode exited with ${code}:\n${output}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    projectPath: path.join(dataDir, 'projects'),
    sampleCopy: path.join(dataDir, 'projects', '永康示例项目.gpkg'),
    dataDir,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
