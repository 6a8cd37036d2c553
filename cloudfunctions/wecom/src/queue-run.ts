import { Refusal } from '@shared/envelope';
import type { Db } from '../../_kit/db';
import { wecomConfig } from './config';
import { apiFor, runDue } from './work/runner';

/** A run's share of a function invocation: stop taking jobs after this, whatever is left waits for the next run. */
const RUN_BUDGET_MS = 20_000;

/** Run what is due (and, asked, put dead jobs back in line first): the action and the timer alike. */
export async function processQueueNow(
  db: Db,
  limit: number,
  requeueDead: boolean,
): Promise<{ ran: number; done: number; retrying: number; dead: number; requeued: number } | Refusal> {
  const cfg = wecomConfig();
  if (!cfg.ok) return new Refusal('INTERNAL', `企业微信未配置：${cfg.missing.join(', ')}`);
  let requeued = 0;
  if (requeueDead) {
    const dead = await db.find<{ attempts: number }>('wecom_jobs', { status: 'dead' }, { limit: 500 });
    for (const j of dead) await db.update('wecom_jobs', j._id, { status: 'pending', attempts: 0, nextAt: Date.now(), updatedAt: Date.now() });
    requeued = dead.length;
  }
  const stats = await runDue({ db, config: cfg.config, api: apiFor(cfg.config, db) }, Date.now, limit, RUN_BUDGET_MS);
  return { ...stats, requeued };
}
