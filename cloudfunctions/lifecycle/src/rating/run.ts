import { randomBytes } from 'node:crypto';
import { Refusal } from '@shared/envelope';
import type { ScorecardRunDoc } from '@shared/rating';
import { RATINGS } from '@shared/rating';
import type { Db, Stored } from '../../../_kit/db';
import { refuse } from '../../../_kit/db';
import { FACTS_PAGE } from './facts';
import type { PageResult } from './compute';
import { scorePage } from './compute';

/**
 * The function's timeout is 60 s (config.json; CloudBase allows at most 900 s for a timer-triggered
 * function but 60 s covers a call from the console): pages are started only in the first 40 s,
 * and a run is held for 60 s, after which an invocation that died is assumed gone.
 */
const BUDGET_MS = 40_000;
const HOLD_MS = 60_000;

export interface MonthProgress {
  month: string;
  dealers: number;
  proposals: number;
  ratings: Record<string, number>;
  /** False when the time budget ran out first: the next call (or timer) goes on where this one stopped. */
  done: boolean;
}

const progress = (r: ScorecardRunDoc): MonthProgress => ({
  month: r.month,
  dealers: r.dealers,
  proposals: r.proposals,
  ratings: r.ratings,
  done: r.status === 'done',
});

function fresh(month: string, holder: string, now: number): ScorecardRunDoc {
  const ratings = Object.fromEntries(RATINGS.map((r) => [r, 0]));
  return {
    month,
    status: 'running',
    after: '',
    dealers: 0,
    proposals: 0,
    ratings,
    heldBy: holder,
    heldUntil: now + HOLD_MS,
    startedAt: now,
    updatedAt: now,
    finishedAt: null,
  };
}

/**
 * Take the month's run: none or a finished one starts from the first dealer (`restart`; else a
 * finished one is left as it is), an unfinished one goes on from its cursor. CONFLICT while
 * another invocation holds it.
 */
function claim(db: Db, month: string, holder: string, now: number, restart: boolean): Promise<ScorecardRunDoc | Refusal> {
  return db.transaction(async (tx) => {
    const run = await tx.get('scorecard_runs', month);
    if (run && run.status === 'running' && run.heldBy && run.heldUntil > now)
      refuse('CONFLICT', `${month} 的评分正在计算中，请稍后再试`, { heldUntil: run.heldUntil });
    if (run && run.status === 'done' && !restart) return run;
    const next = !run || run.status === 'done' ? fresh(month, holder, now) : { ...run, heldBy: holder, heldUntil: now + HOLD_MS, updatedAt: now };
    await tx.set('scorecard_runs', month, next);
    return next;
  });
}

/** Save a scored page into the run (and finish it after the last page), only while this invocation still holds it. */
function advance(db: Db, month: string, holder: string, last: string | null, page: PageResult, now: number, done: boolean) {
  return db.transaction(async (tx) => {
    const run = (await tx.get('scorecard_runs', month)) as Stored<ScorecardRunDoc> | null;
    if (!run || run.heldBy !== holder) refuse('CONFLICT', `${month} 的评分已由另一次计算接手`);
    const ratings = { ...run.ratings };
    for (const [r, n] of Object.entries(page.ratings)) ratings[r] = (ratings[r] ?? 0) + n;
    const count = Object.values(page.ratings).reduce((a, b) => a + b, 0);
    const next: ScorecardRunDoc = {
      ...run,
      after: last ?? run.after,
      dealers: run.dealers + count,
      proposals: run.proposals + page.proposals,
      ratings,
      updatedAt: now,
      ...(done ? { status: 'done' as const, heldBy: null, heldUntil: 0, finishedAt: now } : { heldUntil: now + HOLD_MS }),
    };
    await tx.set('scorecard_runs', month, next);
    return next;
  });
}

/**
 * Score a month for every active dealer, a page at a time in _id order, within this invocation's
 * time budget; what is left is done by the next call from where this one stopped. The admin's
 * call recomputes a finished month (`restart`); the timer only finishes what is unfinished.
 */
export async function runMonth(
  db: Db,
  month: string,
  now: number,
  opts: { restart: boolean; clock?: () => number; budgetMs?: number },
): Promise<MonthProgress | Refusal> {
  const clock = opts.clock ?? Date.now;
  const started = clock();
  const holder = randomBytes(8).toString('hex');
  let run = await claim(db, month, holder, now, opts.restart);
  if (run instanceof Refusal) return run;
  while (run.status === 'running' && clock() - started < (opts.budgetMs ?? BUDGET_MS)) {
    const dealers = await db.find('dealers', { status: 'active', _id: db.command['gt']!(run.after) }, { orderBy: [['_id', 'asc']], limit: FACTS_PAGE });
    const page = dealers.length > 0 ? await scorePage(db, month, dealers, now) : { proposals: 0, ratings: {} };
    const next = await advance(db, month, holder, dealers.at(-1)?._id ?? null, page, clock(), dealers.length < FACTS_PAGE);
    if (next instanceof Refusal) return next;
    run = next;
  }
  // Out of time: let the next call go on at once rather than wait for the hold to lapse.
  if (run.status === 'running') await release(db, month, holder, clock());
  return progress(run);
}

function release(db: Db, month: string, holder: string, now: number) {
  return db.transaction(async (tx) => {
    const run = await tx.get('scorecard_runs', month);
    if (run?.heldBy === holder) await tx.update('scorecard_runs', month, { heldBy: null, heldUntil: 0, updatedAt: now });
  });
}
