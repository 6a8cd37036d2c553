/**
 * A shifted clock for this process, the in-process cousin of Debian's `faketime`: after
 * `shiftClock(at)`, `Date.now()` and `new Date()` read `at` and keep running from it at the real
 * pace. Only the local cloud, its dev server and tests use it, so a test (or a demo) can pin "now"
 * next to the demo data's fixed reference date and pass on any calendar day. The cloud functions
 * keep reading the ordinary clock and never know.
 */

const REAL_DATE: DateConstructor = (globalThis as { __realDate?: DateConstructor }).__realDate ?? globalThis.Date;
(globalThis as { __realDate?: DateConstructor }).__realDate = REAL_DATE;

/** The unshifted wall clock, ms since epoch. */
export function realNow(): number {
  return REAL_DATE.now();
}

/**
 * Make this process's clock read `at` (epoch ms) now and run on from there. Calling it again
 * moves the clock again; `restoreClock()` puts the real one back.
 */
export function shiftClock(at: number, opts: { frozen?: boolean } = {}): void {
  if (!Number.isFinite(at)) throw new Error(`shiftClock: not a time: ${String(at)}`);
  const offset = at - REAL_DATE.now();
  // Frozen: every reading is `at` exactly (a test about the last millisecond of a period).
  const now = opts.frozen ? () => at : () => REAL_DATE.now() + offset;
  globalThis.Date = new Proxy(REAL_DATE, {
    construct(target, args: unknown[], newTarget) {
      return Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget === globalThis.Date ? target : newTarget);
    },
    // Date() called as a function answers the current time as text.
    apply: () => new REAL_DATE(now()).toString(),
    get(target, prop, receiver) {
      if (prop === 'now') return now;
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}

/** Put the real clock back. */
export function restoreClock(): void {
  globalThis.Date = REAL_DATE;
}

/** Whether the clock is shifted. */
export function clockIsShifted(): boolean {
  return globalThis.Date !== REAL_DATE;
}

/** Parse a clock setting: epoch ms or an ISO date with offset ('2026-11-18T09:00:00+08:00'). */
export function parseClock(value: string): number {
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) throw new Error(`不是合法的时间：${value}（例如 2026-11-18T09:00:00+08:00）`);
  return ms;
}
