import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TEST_NOW, TEST_REFERENCE_DATE } from './clock';
import { copySnapshotStorage, seedSnapshot } from './seed-snapshot';

export const REPO = path.resolve(__dirname, '..', '..');

export interface RunningServer {
  url: string;
  port: number;
  dbFile: string;
  output: () => string;
  /** Stop with SIGINT (Ctrl-C) and resolve with the exit code. */
  stop: () => Promise<number | null>;
}

/**
 * Start the real `npm start` entry (mocks/server/start.ts) on a free port with its own database,
 * and resolve once it prints the port. The H5 build must exist (`npm run build:h5`).
 */
export async function startServer(opts: { dbFile?: string; timeoutMs?: number; clock?: number; freshSeed?: boolean } = {}): Promise<RunningServer> {
  let dbFile = opts.dbFile;
  if (!dbFile) {
    dbFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-')), 'local-cloud.sqlite');
    // A new database starts as the seeded snapshot (tests/helpers/seed-snapshot.ts: what the
    // server's own seeding writes at TEST_REFERENCE_DATE, and it then skips), unless the test is
    // about that seeding.
    if (!opts.freshSeed) {
      const snapshot = seedSnapshot();
      fs.writeFileSync(dbFile, snapshot.dbImage);
      copySnapshotStorage(snapshot.storageDir, path.join(path.dirname(dbFile), 'storage'));
    }
  }
  const tsx = path.join(REPO, 'node_modules', '.bin', 'tsx');
  // The demo data at its fixed reference date, and the server's clock pinned next to it, as in
  // the in-process tests (tests/helpers/clock.ts): the browser tests pass on any day.
  const clock = new Date(opts.clock ?? TEST_NOW).toISOString();
  // No timers on their cron (releaseHolds, the WeCom queue… every minute): a browser test drives
  // what it needs itself, and a minute boundary must not change what it sees.
  const args = ['--port', '0', '--db', dbFile, '--no-build', '--reference-date', TEST_REFERENCE_DATE, '--clock', clock, '--no-timers'];
  const child: ChildProcess = spawn(tsx, [path.join(REPO, 'mocks', 'server', 'start.ts'), ...args], {
    cwd: REPO,
    env: { ...process.env, LOCAL_CLOUD_QUIET: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${out}`)), opts.timeoutMs ?? 60_000);
    const check = () => {
      const m = /LISTENING (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${String(code)} before listening:\n${out}`));
    });
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dbFile,
    output: () => out,
    stop: async () => {
      child.kill('SIGINT');
      return exited;
    },
  };
}

export async function callFunction(base: string, fn: string, body: unknown, openid?: string): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${base}/__cloud/call/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid ? { 'x-local-openid': openid } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}
