/**
 * The local database survives a killed process: a child writes a stream of transactions to a
 * SQLite file and is killed with SIGKILL mid-stream; the file must reopen intact, with every
 * reported commit present and no transaction half-applied. Two processes incrementing one
 * counter through transactions must lose nothing.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createTestCloud } from '../../helpers/local-cloud';
import type { TestCloud } from '../../helpers/local-cloud';
import { ACCOUNT_IDS, ACCOUNTS, COUNTERS, LOG, TOTAL } from './fixtures/durability-data';

const WRITER = path.join(__dirname, 'fixtures', 'tx-writer.ts');
const REPO = path.resolve(__dirname, '..', '..', '..');

let dir: string;
const children: ChildProcess[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-cloud-durability-'));
});
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

function writer(args: string[]): { child: ChildProcess; lines: string[]; exited: Promise<{ code: number | null; signal: string | null; stderr: string }> } {
  // TMPDIR points into the test's folder so nothing the child leaves behind outlives the test.
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, ...args], {
    cwd: REPO,
    env: { ...process.env, TMPDIR: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const lines: string[] = [];
  let buf = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buf += chunk.toString();
    const parts = buf.split('\n');
    buf = parts.pop()!;
    lines.push(...parts);
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, lines, exited };
}

async function until(cond: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Open the file through the local cloud, as the next process would. */
function reopen(dbFile: string, collections: string[]): TestCloud {
  return createTestCloud({ dbFile, standardCollections: false, extraCollections: collections });
}

test('a writer killed with SIGKILL mid-stream leaves an intact database holding every reported commit and no partial transaction', async () => {
  const dbFile = path.join(dir, 'cloud.sqlite');
  const seed = reopen(dbFile, [ACCOUNTS, LOG]);
  await seed.db.collection(ACCOUNTS).add({ data: ACCOUNT_IDS.map((id) => ({ _id: id, balance: TOTAL / ACCOUNT_IDS.length })) });
  seed.cleanup();

  // Writers in turn, each killed at a random moment after at least 50 commits of its own.
  let committed = 0;
  for (let round = 0; round < 5; round++) {
    const w = writer(['transfer', dbFile, path.join(dir, 'storage')]);
    const reported = () => w.lines.filter((l) => l.startsWith('committed ')).length;
    await Promise.race([
      until(() => reported() >= 50 + Math.floor(Math.random() * 50), 'commits from the writer'),
      w.exited.then((r) => {
        throw new Error(`writer exited early (${r.code ?? r.signal}): ${r.stderr}`);
      }),
    ]);
    w.child.kill('SIGKILL');
    const end = await w.exited;
    expect(end.signal).toBe('SIGKILL');
    // The next writer starts from what it found: at least what the previous ones reported.
    const start = Number(w.lines[0]?.replace('start ', ''));
    expect(start).toBeGreaterThanOrEqual(committed);
    committed = start + reported();
  }

  // SQLite itself: the file opens and is consistent (the WAL is replayed on open).
  const raw = new Database(dbFile);
  try {
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    raw.close();
  }

  const t = reopen(dbFile, [ACCOUNTS, LOG]);
  try {
    const { db } = t;
    const accounts = (await db.collection(ACCOUNTS).get()).data as Array<{ _id: string; balance: number }>;
    expect(accounts).toHaveLength(ACCOUNT_IDS.length);
    expect(accounts.reduce((sum, d) => sum + d.balance, 0)).toBe(TOTAL);
    const logs = (await db.collection(LOG).count()).total;
    expect(logs).toBeGreaterThanOrEqual(committed);
    // Each log doc belongs to exactly one transfer: every balance is its start plus what the log says.
    const expected = new Map<string, number>(ACCOUNT_IDS.map((id) => [id, TOTAL / ACCOUNT_IDS.length]));
    for (let skip = 0; skip < logs; skip += 1000) {
      const page = (await db.collection(LOG).orderBy('seq', 'asc').skip(skip).limit(1000).get()).data;
      for (const l of page) {
        expected.set(l.payer, expected.get(l.payer)! - 4 * l.amount);
        for (const p of l.payees) expected.set(p, expected.get(p)! + l.amount);
      }
    }
    expect(Object.fromEntries(accounts.map((d) => [d._id, d.balance]))).toEqual(Object.fromEntries(expected));
    // Log sequence numbers are 1..logs without gaps or repeats.
    const seqs = await db
      .collection(LOG)
      .aggregate()
      .group({ _id: null, max: db.command.aggregate.max('$seq'), min: db.command.aggregate.min('$seq') })
      .end();
    expect([seqs.list[0].min, seqs.list[0].max]).toEqual([1, logs]);
  } finally {
    t.cleanup();
  }
}, 120_000);

test('two processes incrementing one counter through transactions lose nothing', async () => {
  const dbFile = path.join(dir, 'cloud.sqlite');
  const seed = reopen(dbFile, [COUNTERS]);
  await seed.db.collection(COUNTERS).add({ data: { _id: 'c', n: 0, plain: 0 } });
  seed.cleanup();

  const perProcess = 150;
  const ws = [0, 1].map(() => writer(['increment', dbFile, path.join(dir, 'storage'), String(perProcess)]));
  const ends = await Promise.all(ws.map((w) => w.exited));
  for (const [i, end] of ends.entries()) {
    expect({ code: end.code, stderr: end.stderr }).toEqual({ code: 0, stderr: '' });
    expect(ws[i]!.lines).toContain(`done ${perProcess}`);
  }

  const t = reopen(dbFile, [COUNTERS]);
  try {
    const c = (await t.db.collection(COUNTERS).doc('c').get()).data;
    expect(c).toEqual({ _id: 'c', n: 2 * perProcess, plain: 2 });
  } finally {
    t.cleanup();
  }
}, 120_000);
