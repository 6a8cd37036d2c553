import { momentTaskResult } from '../push-api';
import type { JobHandler } from './context';

/** add_moment_task is asynchronous: ask get_moment_task_result until WeCom has made the moment (status 3), then keep its moment_id. */
export const pushMomentResultJob: JobHandler = async (job, ctx) => {
  const sendId = String(job.payload['sendId']);
  const send = await ctx.db.getById('wecom_push_sends', sendId);
  if (!send?.jobid || send.momentId) return { result: { skipped: true } };
  const r = await momentTaskResult(ctx.api, send.jobid);
  if (r.status !== 3) return { result: { status: r.status }, rescheduleAt: ctx.now + 5_000 };
  if (r.errcode !== 0 || !r.momentId) {
    await ctx.db.update('wecom_push_sends', sendId, { status: 'failed', error: `add_moment_task errcode ${r.errcode}`, updatedAt: ctx.now });
    return { result: { errcode: r.errcode } };
  }
  await ctx.db.update('wecom_push_sends', sendId, { momentId: r.momentId, updatedAt: ctx.now });
  return { result: { momentId: r.momentId } };
};
