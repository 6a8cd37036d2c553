import http from 'node:http';
import https from 'node:https';
import type { WecomApi } from './api';
import { WecomApiError } from './api';

/**
 * WeCom's mass-message (企业群发) and Moments (企业朋友圈) calls, in their documented shapes:
 * - 创建企业群发 add_msg_template: https://developer.work.weixin.qq.com/document/path/92135
 * - 获取群发记录列表 / 成员发送任务 / 成员执行结果 get_groupmsg_list_v2, get_groupmsg_task,
 *   get_groupmsg_send_result: https://developer.work.weixin.qq.com/document/path/93338
 * - 提醒成员群发 remind_groupmsg_send (3 times per task in 24 h): https://developer.work.weixin.qq.com/document/path/97610
 * - 创建发表任务 add_moment_task, its async result get_moment_task_result, and 获取客户朋友圈企业发表的列表
 *   get_moment_task: https://developer.work.weixin.qq.com/document/path/95094 and /95111
 * - 上传临时素材 media/upload (a media_id lives 3 days, so it is made when the task goes out):
 *   https://developer.work.weixin.qq.com/document/path/90253 ; Moments need 上传附件资源
 *   media/upload_attachment (media_type 1): https://developer.work.weixin.qq.com/document/path/95098
 */
export type Attachment =
  | { msgtype: 'image'; image: { media_id: string } }
  | { msgtype: 'miniprogram'; miniprogram: { title: string; pic_media_id: string; appid: string; page: string } };

export interface MsgTemplate {
  chat_type: 'single' | 'group';
  sender: string;
  external_userid?: string[];
  text: { content: string };
  attachments: Attachment[];
}

export async function addMsgTemplate(api: WecomApi, body: MsgTemplate): Promise<{ msgid: string; fail_list: string[] }> {
  const res = await api.call('externalcontact/add_msg_template', 'POST', {}, body);
  return { msgid: String(res['msgid']), fail_list: (res['fail_list'] as string[] | undefined) ?? [] };
}

export interface GroupMsgListItem {
  msgid: string;
  creator?: string;
  create_type: number;
  text?: { content?: string };
  attachments?: Attachment[];
}

/** Enterprise-created mass messages in a window of at most one month (filter_type 0: 企业发表). */
export async function groupMsgList(
  api: WecomApi,
  chatType: 'single' | 'group',
  startS: number,
  endS: number,
  cursor = '',
): Promise<{ list: GroupMsgListItem[]; next: string }> {
  const res = await api.call(
    'externalcontact/get_groupmsg_list_v2',
    'POST',
    {},
    { chat_type: chatType, start_time: startS, end_time: endS, filter_type: 0, limit: 100, cursor },
  );
  return { list: (res['group_msg_list'] as GroupMsgListItem[] | undefined) ?? [], next: String(res['next_cursor'] ?? '') };
}

/** Per member: 0 未发送, 2 已发送 (WeCom's task_list status). */
export async function groupMsgTask(
  api: WecomApi,
  msgid: string,
  cursor = '',
): Promise<{ tasks: Array<{ userid: string; status: number; send_time?: number }>; next: string }> {
  const res = await api.call('externalcontact/get_groupmsg_task', 'POST', {}, { msgid, limit: 1000, cursor });
  return {
    tasks: (res['task_list'] as Array<{ userid: string; status: number; send_time?: number }> | undefined) ?? [],
    next: String(res['next_cursor'] ?? ''),
  };
}

/** Per customer or group: 0 未发送, 1 已发送, 2 因客户不是好友导致发送失败, 3 因客户已经收到其他群发消息导致发送失败. */
export async function groupMsgSendResult(
  api: WecomApi,
  msgid: string,
  userid: string,
  cursor = '',
): Promise<{ rows: Array<{ external_userid?: string; chat_id?: string; status: number; send_time?: number }>; next: string }> {
  const res = await api.call('externalcontact/get_groupmsg_send_result', 'POST', {}, { msgid, userid, limit: 1000, cursor });
  return {
    rows: (res['send_list'] as Array<{ external_userid?: string; chat_id?: string; status: number }> | undefined) ?? [],
    next: String(res['next_cursor'] ?? ''),
  };
}

export async function remindGroupMsg(api: WecomApi, msgid: string): Promise<void> {
  await api.call('externalcontact/remind_groupmsg_send', 'POST', {}, { msgid });
}

/** One Moments task for one clerk: asynchronous, answers a jobid. */
export async function addMomentTask(api: WecomApi, sender: string, text: string, imageMediaIds: string[]): Promise<string> {
  const res = await api.call(
    'externalcontact/add_moment_task',
    'POST',
    {},
    {
      text: { content: text },
      attachments: imageMediaIds.map((media_id) => ({ msgtype: 'image', image: { media_id } })),
      visible_range: { sender_list: { user_list: [sender] } },
    },
  );
  return String(res['jobid']);
}

/** status 1 开始创建, 2 正在创建, 3 创建完成 (then result.moment_id). */
export async function momentTaskResult(api: WecomApi, jobid: string): Promise<{ status: number; momentId: string | null; errcode: number }> {
  const res = await api.call('externalcontact/get_moment_task_result', 'GET', { jobid });
  const result = (res['result'] as { errcode?: number; moment_id?: string } | undefined) ?? {};
  return { status: Number(res['status'] ?? 0), momentId: result.moment_id ?? null, errcode: Number(result.errcode ?? 0) };
}

/** Per member: publish_status 0 未发表, 1 已发表. */
export async function momentTask(api: WecomApi, momentId: string): Promise<Array<{ userid: string; publish_status: number }>> {
  const res = await api.call('externalcontact/get_moment_task', 'POST', {}, { moment_id: momentId, limit: 1000, cursor: '' });
  return (res['task_list'] as Array<{ userid: string; publish_status: number }> | undefined) ?? [];
}

/** Upload an image as a temporary media (or a Moments attachment) and answer its media_id. */
export async function uploadImage(api: WecomApi, base: string, png: Buffer, filename: string, forMoment: boolean): Promise<string> {
  const token = await api.accessToken();
  const url = new URL(base + (forMoment ? '/cgi-bin/media/upload_attachment' : '/cgi-bin/media/upload'));
  url.searchParams.set('access_token', token);
  url.searchParams.set('type', 'image');
  if (forMoment) url.searchParams.set('attachment_type', '1');
  const boundary = `----wecom${Date.now().toString(16)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="media"; filename="${filename}"; filelength=${png.length}\r\nContent-Type: image/png\r\n\r\n`,
  );
  const body = Buffer.concat([head, png, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  const lib = url.protocol === 'https:' ? https : http;
  const res = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const req = lib.request(
      url,
      { method: 'POST', timeout: 10_000, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(body.length) } },
      (r) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
          } catch {
            reject(new WecomApiError('media/upload', -3, 'not JSON'));
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => reject(new WecomApiError('media/upload', -4, e.message)));
    req.end(body);
  });
  if (Number(res['errcode'] ?? 0) !== 0 || typeof res['media_id'] !== 'string')
    throw new WecomApiError('media/upload', Number(res['errcode'] ?? -1), String(res['errmsg'] ?? ''));
  return res['media_id'];
}
