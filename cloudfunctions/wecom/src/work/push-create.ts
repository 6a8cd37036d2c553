import { cardPage } from '@shared/wecom/push';
import { WecomApiError, isTransient } from '../api';
import type { Attachment } from '../push-api';
import { addMomentTask, addMsgTemplate, groupMsgList, groupMsgTask } from '../push-api';
import { insertJob, newJob } from '../queue';
import { uploadTaskMedia } from '../push/media';
import { LANDING_PAGE, pushSettings } from '../push/settings';
import type { JobHandler, WorkContext } from './context';

/**
 * A retry must not make a second WeCom task for the clerk: before asking again, look for the one an
 * earlier attempt may have made (its answer lost) among the corp's enterprise mass messages since
 * the task was confirmed, by content and by sender (get_groupmsg_list_v2 → get_groupmsg_task).
 */
async function madeBefore(ctx: WorkContext, chatType: 'single' | 'group', text: string, userId: string, sinceMs: number): Promise<string | null> {
  const { list } = await groupMsgList(ctx.api, chatType, Math.floor(sinceMs / 1000) - 60, Math.floor(ctx.now / 1000) + 60);
  for (const m of list.filter((x) => x.text?.content === text)) {
    const { tasks } = await groupMsgTask(ctx.api, m.msgid);
    if (tasks.some((t) => t.userid === userId)) return m.msgid;
  }
  return null;
}

/** Create one clerk's WeCom task (add_msg_template with her as sender, or add_moment_task), once. */
export const pushCreateJob: JobHandler = async (job, ctx) => {
  try {
    return await create(job, ctx);
  } catch (e) {
    // WeCom's answer (not busy, not a network error) will not change on a retry: the clerk's part fails with it, for HQ to see.
    if (!(e instanceof WecomApiError) || isTransient(e)) throw e;
    await ctx.db.update('wecom_push_sends', String(job.payload['sendId']), {
      status: 'failed',
      error: `${e.api} errcode ${e.errcode} ${e.errmsg}`.slice(0, 300),
      updatedAt: ctx.now,
    });
    return { result: { failed: e.errcode } };
  }
};

const create: JobHandler = async (job, ctx) => {
  const sendId = String(job.payload['sendId']);
  const send = await ctx.db.getById('wecom_push_sends', sendId);
  if (!send || send.status !== 'queued' || send.msgid || send.jobid) return { result: { skipped: send?.status ?? 'missing' } };
  const task = (await ctx.db.getById('wecom_push_tasks', send.taskId))!;
  if (task.channel === 'moment') {
    const media = await uploadTaskMedia(ctx.api, ctx.config.apiBase, task.images, true, false);
    const jobid = await addMomentTask(ctx.api, send.userId, task.text, media.images);
    await ctx.db.update('wecom_push_sends', sendId, { jobid, status: 'created', updatedAt: ctx.now });
    const follow = `pm:${sendId}`;
    await insertJob(ctx.db, follow, newJob('push_moment_result', { sendId }, ctx.now));
    return { result: { jobid }, followUps: [follow] };
  }
  const chatType = task.channel === 'group' ? 'group' : 'single';
  const earlier = job.attempts > 1 ? await madeBefore(ctx, chatType, task.text, send.userId, task.confirmedAt ?? ctx.now) : null;
  let msgid = earlier;
  let failList: string[] = [];
  if (!msgid) {
    const media = await uploadTaskMedia(ctx.api, ctx.config.apiBase, task.images, false, !!task.card);
    const attachments: Attachment[] = media.images.map((media_id) => ({ msgtype: 'image', image: { media_id } }));
    if (task.card && send.code && media.cover)
      attachments.push({
        msgtype: 'miniprogram',
        miniprogram: { title: task.card.title, pic_media_id: media.cover, appid: pushSettings().appid, page: cardPage(LANDING_PAGE, send.code, send.taskId) },
      });
    const external = chatType === 'single' ? { external_userid: send.customers.map((c) => c.externalUserId) } : {};
    const made = await addMsgTemplate(ctx.api, { chat_type: chatType, sender: send.userId, ...external, text: { content: task.text }, attachments });
    msgid = made.msgid;
    failList = made.fail_list;
  }
  await ctx.db.update('wecom_push_sends', sendId, { msgid, status: 'created', results: failList.map((id) => ({ id, status: 2 })), updatedAt: ctx.now });
  return { result: { msgid, adopted: !!earlier } };
};
