import type { Db } from '../../../_kit/db';
import { log } from '../../../_kit/log';
import { WecomApi } from '../api';
import type { WecomConfig } from '../config';
import type { JobKind } from '../queue';
import { claim, complete, dueJobIds, fail } from '../queue';
import { applyEventJob } from './apply-event';
import type { JobHandler, WorkContext } from './context';
import { customerHandoverJob } from './customer-handover';
import { pushCreateJob } from './push-create';
import { pushMomentResultJob } from './push-moment-result';
import { syncContactJob } from './sync-contact';
import { tagRelationJob } from './tag-relation';
import { transferCheckJob } from './transfer-check';

const HANDLERS: Record<JobKind, JobHandler> = {
  apply_event: applyEventJob,
  sync_contact: syncContactJob,
  tag_relation: tagRelationJob,
  transfer_check: transferCheckJob,
  customer_handover: customerHandoverJob,
  push_create: pushCreateJob,
  push_moment_result: pushMomentResultJob,
};

export interface RunStats {
  ran: number;
  done: number;
  retrying: number;
  dead: number;
}

/** One WeCom API client per instance and settings: its access token stays warm between invocations (the database holds the shared copy). */
let apiCache: { key: string; api: WecomApi } | null = null;
export function apiFor(config: WecomConfig, db: Db): WecomApi {
  const key = `${config.apiBase}|${config.corpId}|${config.secret ?? ''}`;
  if (!apiCache || apiCache.key !== key) apiCache = { key, api: new WecomApi(config, db) };
  return apiCache.api;
}

/** Claim and run one job; returns the follow-up jobs it created. A failure is recorded, never thrown. */
export async function runOne(id: string, ctx: Omit<WorkContext, 'now'>, clock: () => number, stats: RunStats): Promise<string[]> {
  const job = await claim(ctx.db, id, clock());
  if (!job) return [];
  stats.ran++;
  const now = clock();
  try {
    const out = await HANDLERS[job.kind](job, { ...ctx, now });
    if (out.rescheduleAt !== undefined) {
      await ctx.db.update('wecom_jobs', id, {
        status: 'pending',
        lockedUntil: 0,
        nextAt: out.rescheduleAt,
        attempts: job.attempts - 1,
        result: out.result ?? null,
        updatedAt: now,
      });
    } else if (!out.completed) {
      await complete(ctx.db, id, clock(), out.result);
    }
    stats.done++;
    return out.followUps ?? [];
  } catch (e) {
    const verdict = await fail(ctx.db, job, clock(), e, { baseMs: ctx.config.retryBaseMs, capMs: ctx.config.retryCapMs });
    if (verdict === 'dead') stats.dead++;
    else stats.retrying++;
    return [];
  }
}

/** Run the given jobs and, depth first, the jobs they create, within a time budget. */
export async function runChain(
  ids: string[],
  ctx: Omit<WorkContext, 'now'>,
  clock: () => number,
  budgetMs: number,
  stats: RunStats = { ran: 0, done: 0, retrying: 0, dead: 0 },
): Promise<RunStats> {
  const until = clock() + budgetMs;
  const stack = [...ids].reverse();
  while (stack.length > 0 && clock() < until) {
    const id = stack.pop()!;
    const next = await runOne(id, ctx, clock, stats);
    for (let i = next.length - 1; i >= 0; i--) stack.push(next[i]!);
  }
  return stats;
}

/** Run what is due now, oldest first (the timer, and processQueue). */
export async function runDue(ctx: Omit<WorkContext, 'now'>, clock: () => number, limit: number, budgetMs: number): Promise<RunStats> {
  const ids = await dueJobIds(ctx.db, clock(), limit);
  const stats = await runChain(ids, ctx, clock, budgetMs);
  if (stats.ran > 0) log.info('wecom queue run', { ...stats });
  return stats;
}
