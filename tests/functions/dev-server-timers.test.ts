import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../mocks/cloud';
import { nextFireAt, readTimerTriggers, startTimers } from '../../mocks/server/timers';
import type { TestCloud } from '../helpers/local-cloud';
import { createTestCloud } from '../helpers/local-cloud';

/**
 * npm start fires the functions' timer triggers on their cron (mocks/server/timers.ts), on Beijing
 * time and the server's clock. Driven here with a fake clock and fake timers: no real waiting.
 */
const FUNCTIONS_DIR = path.join(REPO_ROOT, 'cloudfunctions');
const at = (iso: string) => Date.parse(iso);

/** A clock and setTimeout the test moves by hand. */
function fakeTime(start: number) {
  let now = start;
  let seq = 0;
  const pending = new Map<number, { due: number; run: () => void }>();
  return {
    now: () => now,
    setTimer: (run: () => void, ms: number) => {
      pending.set(++seq, { due: now + ms, run });
      return seq;
    },
    clearTimer: (h: unknown) => void pending.delete(h as number),
    pending: () => pending.size,
    /** Move the clock to `to`, running each timer due on the way at its own time. */
    advance(to: number) {
      for (;;) {
        const next = [...pending.entries()].filter(([, p]) => p.due <= to).sort((a, b) => a[1].due - b[1].due)[0];
        if (!next) break;
        pending.delete(next[0]);
        now = Math.max(now, next[1].due);
        next[1].run();
      }
      now = to;
    },
  };
}

/** Let promise callbacks run (a firing's outcome is logged when its promise settles). */
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

describe('npm start: the timer triggers of config.json', () => {
  const configOf = (fn: string, name: string) => {
    const t = readTimerTriggers(FUNCTIONS_DIR).triggers.find((x) => x.fn === fn && x.name === name);
    expect(t).toBeDefined();
    return t!.config;
  };

  it("reads every function's timers and computes their next fire time on Beijing time", () => {
    const { triggers, problems } = readTimerTriggers(FUNCTIONS_DIR);
    expect(problems).toEqual([]);
    expect(triggers.map((t) => `${t.fn}.${t.name}`)).toEqual(expect.arrayContaining(['orders.releaseHolds', 'insights.nightly', 'insights.weeklyBrief']));
    const from = at('2026-12-03T10:00:30+08:00'); // a Thursday
    // Every minute.
    expect(nextFireAt(configOf('orders', 'releaseHolds'), from)).toBe(at('2026-12-03T10:01:00+08:00'));
    // 01:30 every day in Shanghai (17:30 UTC the day before), never 01:30 UTC.
    expect(nextFireAt(configOf('insights', 'nightly'), from)).toBe(at('2026-12-04T01:30:00+08:00'));
    expect(nextFireAt(configOf('insights', 'nightly'), at('2026-12-03T01:29:59+08:00'))).toBe(at('2026-12-03T01:30:00+08:00'));
    // Mondays 08:00.
    expect(nextFireAt(configOf('insights', 'weeklyBrief'), from)).toBe(at('2026-12-07T08:00:00+08:00'));
    // Strictly after: a trigger due at this very moment is next due a week later.
    expect(nextFireAt(configOf('insights', 'weeklyBrief'), at('2026-12-07T08:00:00+08:00'))).toBe(at('2026-12-14T08:00:00+08:00'));
    // A day and a weekday both given are either-or on CloudBase: the 1st or a Monday, whichever comes first.
    expect(nextFireAt('0 0 0 1 * 1 *', at('2026-12-02T00:00:00+08:00'))).toBe(at('2026-12-07T00:00:00+08:00'));
  });

  it('is started by npm start unless --no-timers, and stopped on shutdown', () => {
    const start = fs.readFileSync(path.join(REPO_ROOT, 'mocks', 'server', 'start.ts'), 'utf8');
    expect(start).toMatch(/includes\('--no-timers'\)\s*\?\s*null\s*:\s*startTimers\(/);
    expect(start).toContain('timers?.stop()');
  });

  describe('firing through the local cloud', () => {
    let t: TestCloud;
    beforeAll(() => {
      t = createTestCloud();
    });
    afterAll(() => t.cleanup());

    it('fires orders.releaseHolds when its minute comes, and the stale hold is given back; nothing before then', async () => {
      // A submit that died after holding 5 units of the row: its entry is long past the grace.
      await t.db.collection('stock').add({
        data: {
          _id: 'stock-timer-1',
          sku: 'sku-timer',
          onHand: 10,
          reserved: 5,
          holding: 1,
          holds: { k1: { orderId: 'o-never-placed', qty: 5, at: 0, by: 'dead-submit' } },
        },
      });
      const time = fakeTime(at('2026-12-03T10:00:30+08:00'));
      const lines: string[] = [];
      const fired: string[] = [];
      const timers = startTimers({
        functionsDir: FUNCTIONS_DIR,
        // Only the orders function runs for real here; the others answer at once.
        fire: (fn, name) => {
          fired.push(`${fn}.${name}`);
          return fn === 'orders' ? t.cloud.trigger(fn, name) : Promise.resolve({ ok: true });
        },
        ...time,
        log: (l) => lines.push(l),
      });
      try {
        time.advance(at('2026-12-03T10:00:59+08:00'));
        expect(fired).toEqual([]);
        time.advance(at('2026-12-03T10:01:00+08:00'));
        expect(fired).toContain('orders.releaseHolds');
        expect(fired).not.toContain('orders.autoConfirm');
        // The firing runs the function through the local cloud: wait for its line (real time, bounded), not a count of turns.
        for (let waited = 0; waited < 20_000 && !lines.some((l) => l.includes('orders.releaseHolds')); waited += 20)
          await new Promise((r) => setTimeout(r, 20));
        expect(t.cloud.store.get('stock', 'stock-timer-1')!.doc).toMatchObject({ reserved: 0, holding: 0, holds: {} });
        expect(lines.find((l) => l.includes('orders.releaseHolds'))).toMatch(/^\[定时\] orders\.releaseHolds（.*）完成.*"released":1/);
        // Re-armed for the next minute.
        expect(timers.nextFires().find((n) => n.name === 'releaseHolds')!.at).toBe(at('2026-12-03T10:02:00+08:00'));
      } finally {
        timers.stop();
      }
      expect(time.pending()).toBe(0);
    });
  });

  it('never overlaps a trigger with itself: a firing due while the last still runs is skipped and said so', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timers-'));
    try {
      fs.mkdirSync(path.join(dir, 'slow'));
      fs.writeFileSync(path.join(dir, 'slow', 'config.json'), JSON.stringify({ triggers: [{ name: 'tick', type: 'timer', config: '0 * * * * * *' }] }));
      const time = fakeTime(at('2026-12-03T10:00:30+08:00'));
      const lines: string[] = [];
      let calls = 0;
      let finish: () => void = () => {};
      const timers = startTimers({
        functionsDir: dir,
        fire: () => {
          calls++;
          return new Promise((resolve) => (finish = () => resolve({ ok: true, data: { n: calls } })));
        },
        ...time,
        log: (l) => lines.push(l),
      });
      time.advance(at('2026-12-03T10:01:00+08:00'));
      expect(calls).toBe(1);
      time.advance(at('2026-12-03T10:03:00+08:00'));
      expect(calls).toBe(1);
      expect(lines.filter((l) => l.includes('跳过'))).toHaveLength(2);
      finish();
      await settle();
      expect(lines.at(-1)).toMatch(/slow\.tick.*完成/);
      time.advance(at('2026-12-03T10:04:00+08:00'));
      expect(calls).toBe(2);
      timers.stop();
      time.advance(at('2026-12-03T10:10:00+08:00'));
      expect(calls).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports an invalid cron or a year it cannot honour instead of crashing, and logs a failing firing and goes on', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timers-'));
    try {
      fs.mkdirSync(path.join(dir, 'f'));
      const triggers = [
        { name: 'badMinute', type: 'timer', config: '0 61 * * * * *' },
        { name: 'sixFields', type: 'timer', config: '0 * * * * *' },
        { name: 'year2027', type: 'timer', config: '0 0 1 * * * 2027' },
        { name: 'ok', type: 'timer', config: '0 * * * * * *' },
      ];
      fs.writeFileSync(path.join(dir, 'f', 'config.json'), JSON.stringify({ triggers }));
      fs.mkdirSync(path.join(dir, 'broken'));
      fs.writeFileSync(path.join(dir, 'broken', 'config.json'), '{ not json');
      const time = fakeTime(at('2026-12-03T10:00:30+08:00'));
      const lines: string[] = [];
      let calls = 0;
      const timers = startTimers({
        functionsDir: dir,
        fire: () => {
          calls++;
          if (calls === 1) throw new Error('函数加载失败');
          return Promise.resolve({ ok: false, error: { code: 'INTERNAL', message: '数据库不可用' } });
        },
        ...time,
        log: (l) => lines.push(l),
      });
      expect(timers.triggers.map((x) => x.name)).toEqual(['ok']);
      expect(timers.problems.map((p) => `${p.fn}.${p.name}`)).toEqual(['broken.', 'f.badMinute', 'f.sixFields', 'f.year2027']);
      expect(lines.filter((l) => l.includes('未调度'))).toHaveLength(4);
      expect(lines.find((l) => l.includes('year2027'))).toMatch(/年份/);
      time.advance(at('2026-12-03T10:01:00+08:00'));
      await settle();
      time.advance(at('2026-12-03T10:02:00+08:00'));
      await settle();
      expect(calls).toBe(2);
      expect(lines.filter((l) => l.includes('f.ok') && l.includes('失败'))).toEqual([
        expect.stringContaining('函数加载失败'),
        expect.stringContaining('INTERNAL 数据库不可用'),
      ]);
      timers.stop();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
