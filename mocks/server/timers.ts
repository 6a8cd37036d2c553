/**
 * The functions' timer triggers under `npm start`: every `cloudfunctions/<fn>/config.json` trigger
 * of type "timer" is fired through the local cloud (`cloud.trigger`) at the times its cron names,
 * as the platform would. The cron is CloudBase's seven fields (second minute hour day month weekday
 * year) on Beijing time: "触发器规则的时区为 UTC+8" (WeChat 云开发 定时触发器,
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/guide/functions/triggers.md;
 * the same format in https://docs.cloudbase.net/cli-v1/functions/trigger). The first six fields are
 * computed by cron-parser in Asia/Shanghai; the year field is honoured only as `*` (every year): any
 * other year is refused with a printed note rather than guessed. A day and a weekday both given are
 * either-or, as the WeChat page says and cron-parser computes.
 *
 * Times come from the local cloud's clock (`Date.now()`, shifted by --clock / LOCAL_CLOUD_CLOCK,
 * mocks/clock.ts). A trigger never overlaps itself: a firing due while the previous one still runs
 * is skipped and said so. Every outcome is one short line; a failure is logged, never thrown.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CronExpressionParser } from 'cron-parser';

/** CloudBase runs timers on Beijing time. */
export const TIMER_TZ = 'Asia/Shanghai';
/** setTimeout's longest delay (about 24.8 days): a longer wait is taken in steps. */
const MAX_DELAY_MS = 2 ** 31 - 1;

export interface TimerTrigger {
  fn: string;
  name: string;
  /** The config as written (seven fields). */
  config: string;
}

export interface TimerProblem {
  fn: string;
  name: string;
  config: string;
  reason: string;
}

/**
 * CloudBase's seven-field cron as the six fields cron-parser reads (seconds first). Throws with a
 * reason for anything else: not seven fields, a year other than `*`, a field out of range.
 */
export function toCronParser(config: string): string {
  const fields = config.trim().split(/\s+/);
  if (fields.length !== 7) throw new Error(`应为 7 个字段（秒 分 时 日 月 星期 年），实际 ${fields.length} 个`);
  if (fields[6] !== '*') throw new Error(`年份字段只支持 *（本地不按年份调度），收到 ${fields[6]}`);
  const six = fields.slice(0, 6).join(' ');
  // Validate now, so a bad field is reported when the timers are read, not when one is due.
  CronExpressionParser.parse(six, { tz: TIMER_TZ });
  return six;
}

/** The first fire time of `config` strictly after `after` (epoch ms), on Beijing time. */
export function nextFireAt(config: string, after: number): number {
  const expr = CronExpressionParser.parse(toCronParser(config), { currentDate: new Date(after), tz: TIMER_TZ });
  return expr.next().getTime();
}

/** Every timer trigger declared in `functionsDir/<fn>/config.json`, and those that cannot be scheduled. */
export function readTimerTriggers(functionsDir: string): { triggers: TimerTrigger[]; problems: TimerProblem[] } {
  const triggers: TimerTrigger[] = [];
  const problems: TimerProblem[] = [];
  const dirs = fs
    .readdirSync(functionsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_'))
    .map((d) => d.name)
    .sort();
  for (const fn of dirs) {
    const file = path.join(functionsDir, fn, 'config.json');
    if (!fs.existsSync(file)) continue;
    let list: unknown;
    try {
      list = (JSON.parse(fs.readFileSync(file, 'utf8')) as { triggers?: unknown }).triggers;
    } catch (e) {
      problems.push({ fn, name: '', config: '', reason: `config.json 无法解析：${e instanceof Error ? e.message : String(e)}` });
      continue;
    }
    if (!Array.isArray(list)) continue;
    for (const t of list as Array<{ name?: unknown; type?: unknown; config?: unknown }>) {
      if (t.type !== 'timer') continue;
      const name = typeof t.name === 'string' ? t.name : '';
      const config = typeof t.config === 'string' ? t.config : '';
      try {
        toCronParser(config);
        triggers.push({ fn, name, config });
      } catch (e) {
        problems.push({ fn, name, config, reason: e instanceof Error ? e.message : String(e) });
      }
    }
  }
  return { triggers, problems };
}

export interface TimerOptions {
  /** Where the functions live (the local cloud's functionsDir). */
  functionsDir: string;
  /** Fire one trigger (the local cloud's `trigger`). */
  fire: (fn: string, triggerName: string) => Promise<unknown>;
  /** The clock, epoch ms (default Date.now: the local cloud's, shifted or not). */
  now?: () => number;
  /** Timers (default setTimeout/clearTimeout, unref'd so they never keep the process alive). */
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** One line per firing, skip or problem (default console.log). */
  log?: (line: string) => void;
}

export interface TimerScheduler {
  triggers: readonly TimerTrigger[];
  problems: readonly TimerProblem[];
  /** When each trigger fires next (epoch ms). */
  nextFires(): Array<{ fn: string; name: string; at: number }>;
  /** Stop: nothing fires after this (a firing under way finishes on its own). */
  stop(): void;
}

const short = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** What a trigger answered, in a few words: the router's envelope, or what was thrown. */
function outcome(answer: unknown): { ok: boolean; text: string } {
  const env = answer as { ok?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown } } | null | undefined;
  if (env && env.ok === true) return { ok: true, text: env.data === undefined ? '' : short(JSON.stringify(env.data)) };
  if (env && env.ok === false) return { ok: false, text: short(`${String(env.error?.code ?? '')} ${String(env.error?.message ?? '')}`.trim(), 160) };
  return { ok: true, text: answer === undefined ? '' : short(JSON.stringify(answer)) };
}

/** Schedule every timer trigger; see the file's comment. */
export function startTimers(opts: TimerOptions): TimerScheduler {
  const now = opts.now ?? (() => Date.now());
  const setTimer = opts.setTimer ?? ((run: () => void, ms: number) => setTimeout(run, ms).unref());
  const clearTimer = opts.clearTimer ?? ((h: unknown) => clearTimeout(h as NodeJS.Timeout));
  const log = opts.log ?? ((line: string) => console.log(line));
  const { triggers, problems } = readTimerTriggers(opts.functionsDir);
  for (const p of problems) log(`[定时] ${p.fn}.${p.name || '?'} 未调度（${p.config || '无配置'}）：${p.reason}`);

  let stopped = false;
  const slots = triggers.map((t) => ({ t, at: nextFireAt(t.config, now()), running: false, handle: undefined as unknown }));

  const arm = (slot: (typeof slots)[number]) => {
    if (stopped) return;
    slot.handle = setTimer(() => due(slot), Math.min(MAX_DELAY_MS, Math.max(0, slot.at - now())));
  };

  const due = (slot: (typeof slots)[number]) => {
    if (stopped) return;
    const at = now();
    // Woken early (a long wait taken in steps, a timer's drift): wait on.
    if (at < slot.at) return arm(slot);
    const label = `${slot.t.fn}.${slot.t.name}`;
    const when = new Date(slot.at).toLocaleString('zh-CN', { timeZone: TIMER_TZ, hour12: false });
    slot.at = nextFireAt(slot.t.config, Math.max(at, slot.at));
    arm(slot);
    if (slot.running) {
      log(`[定时] ${label}（${when}）跳过：上一次仍在运行`);
      return;
    }
    slot.running = true;
    const started = now();
    const seconds = () => ((now() - started) / 1000).toFixed(1);
    let fired: Promise<unknown>;
    try {
      fired = Promise.resolve(opts.fire(slot.t.fn, slot.t.name));
    } catch (e) {
      fired = Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    fired
      .then(
        (answer) => {
          const r = outcome(answer);
          log(r.ok ? `[定时] ${label}（${when}）完成，${seconds()} 秒${r.text ? `：${r.text}` : ''}` : `[定时] ${label}（${when}）失败：${r.text}`);
        },
        (e: unknown) => log(`[定时] ${label}（${when}）失败：${short(e instanceof Error ? e.message : String(e), 160)}`),
      )
      .finally(() => {
        slot.running = false;
      });
  };

  for (const slot of slots) arm(slot);
  return {
    triggers,
    problems,
    nextFires: () => slots.map((s) => ({ fn: s.t.fn, name: s.t.name, at: s.at })),
    stop: () => {
      stopped = true;
      for (const s of slots) if (s.handle !== undefined) clearTimer(s.handle);
    },
  };
}
