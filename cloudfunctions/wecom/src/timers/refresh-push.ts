import type { Db } from '../../../_kit/db';
import { wecomConfig } from '../config';
import { commitSend } from '../push/commit';
import { refreshTask } from '../push/refresh';
import { apiFor } from '../work/runner';

/** Tasks are followed this long after confirmation (a clerk who has not sent in two weeks will not). */
const FOLLOW_MS = 14 * 86_400_000;

/**
 * The refreshPush timer (config.json: every 10 minutes): finish confirmations an instance left
 * half done, and read WeCom's results of the tasks still being followed.
 */
export async function refreshPush(db: Db, now: number): Promise<unknown> {
  const cfg = wecomConfig();
  if (!cfg.ok) throw new Error(`企业微信未配置：${cfg.missing.join(', ')}`);
  const tasks = await db.find(
    'wecom_push_tasks',
    { status: 'sending', confirmedAt: db.command['gte']!(now - FOLLOW_MS) },
    { orderBy: [['confirmedAt', 'desc']], limit: 20 },
  );
  let asked = 0;
  for (const t of tasks) {
    for (const s of await db.find('wecom_push_sends', { taskId: t._id, status: 'planned' }, { limit: 1000 })) await commitSend(db, s, t.window, now);
    asked += await refreshTask(db, apiFor(cfg.config, db), t._id, t.window, now);
  }
  return { tasks: tasks.length, asked };
}
