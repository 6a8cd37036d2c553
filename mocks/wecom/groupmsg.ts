import crypto from 'node:crypto';

/**
 * The fake WeCom's mass messages (企业群发) and Moments (企业朋友圈), in the documented shapes:
 * add_msg_template (92135), get_groupmsg_list_v2 / get_groupmsg_task / get_groupmsg_send_result
 * (93338), remind_groupmsg_send (97610), add_moment_task / get_moment_task_result (95094),
 * get_moment_task (93333), media/upload (90253) and media/upload_attachment (95098).
 *
 * As in WeCom, creating a task sends nothing: the member confirms it in their client
 * (`confirmSend`, the loopback hook POST /__fake/groupmsg/send), and only then does each customer
 * receive it — unless they no longer follow the member (status 2) or have reached the corp's limit
 * (status 3: the month's days by default; `limit` changes it).
 */
interface Template {
  msgid: string;
  chat_type: 'single' | 'group';
  sender: string;
  external_userid: string[];
  text: { content: string };
  attachments: unknown[];
  create_time: number;
  sent: boolean;
  send_time: number;
  results: Array<{ external_userid?: string; chat_id?: string; userid: string; status: number; send_time?: number }>;
  reminders: number[];
}

interface Moment {
  jobid: string;
  moment_id: string;
  sender: string;
  text: string;
  create_time: number;
  published: boolean;
}

export interface GroupMsgHost {
  clock: () => number;
  members: Map<string, unknown>;
  /** Whether the customer follows the member. */
  follows: (externalUserId: string, userId: string) => boolean;
  /** The member's customer groups (chat ids) for chat_type group. */
  groupsOf?: (userId: string) => string[];
}

type Out = Record<string, unknown>;

export class FakeGroupMsg {
  readonly templates: Template[] = [];
  readonly moments: Moment[] = [];
  /** Messages each customer received per month (YYYY-MM, Shanghai), as WeCom counts them. */
  readonly received = new Map<string, number>();
  readonly media = new Set<string>();
  /** Per-customer monthly limit; null: the month's number of days (WeCom's default rule). */
  limit: number | null = null;

  constructor(private readonly host: GroupMsgHost) {}

  private monthKey(ms: number): string {
    const d = new Date(ms + 8 * 3_600_000);
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  }

  private monthLimit(ms: number): number {
    if (this.limit !== null) return this.limit;
    const d = new Date(ms + 8 * 3_600_000);
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  }

  /** Count `n` messages a customer already received this month (e.g. their clerks' own 群发). */
  preReceive(externalUserId: string, n: number): void {
    const key = `${externalUserId}:${this.monthKey(this.host.clock())}`;
    this.received.set(key, (this.received.get(key) ?? 0) + n);
  }

  /** The member taps 发送 in WeCom: their pending tasks (or one) go out. Answers how many were sent. */
  confirmSend(userId: string, msgid?: string): number {
    let n = 0;
    const now = this.host.clock();
    for (const t of this.templates.filter((x) => x.sender === userId && !x.sent && (!msgid || x.msgid === msgid))) {
      t.sent = true;
      t.send_time = Math.floor(now / 1000);
      for (const r of t.results) {
        if (r.chat_id) r.status = 1;
        else {
          const key = `${r.external_userid!}:${this.monthKey(now)}`;
          const got = this.received.get(key) ?? 0;
          if (!this.host.follows(r.external_userid!, userId)) r.status = 2;
          else if (got >= this.monthLimit(now)) r.status = 3;
          else {
            r.status = 1;
            this.received.set(key, got + 1);
          }
        }
        r.send_time = t.send_time;
      }
      n++;
    }
    return n;
  }

  /** The member publishes their pending Moments. */
  publishMoments(userId: string): number {
    const pending = this.moments.filter((m) => m.sender === userId && !m.published);
    for (const m of pending) m.published = true;
    return pending.length;
  }

  /** The handlers by API path; each answers WeCom's JSON (errcode 0 filled in by the server). */
  handlers(b: Out, query: Record<string, string>): Record<string, () => Out> {
    return {
      'externalcontact/add_msg_template': () => this.addTemplate(b),
      'externalcontact/get_groupmsg_list_v2': () => this.list(b),
      'externalcontact/get_groupmsg_task': () => this.task(b),
      'externalcontact/get_groupmsg_send_result': () => this.sendResult(b),
      'externalcontact/remind_groupmsg_send': () => this.remind(b),
      'externalcontact/add_moment_task': () => this.addMoment(b),
      'externalcontact/get_moment_task_result': () => this.momentResult(query['jobid'] ?? ''),
      'externalcontact/get_moment_task': () => this.momentTask(b),
    };
  }

  /** media/upload and media/upload_attachment: a multipart body with one `media` part. */
  upload(raw: Buffer, query: Record<string, string>): Out {
    if (query['type'] !== 'image') return { errcode: 40004, errmsg: 'invalid media type' };
    if (!raw.includes(Buffer.from('name="media"'))) return { errcode: 41005, errmsg: 'media data missing' };
    const media_id = `3${crypto.randomBytes(20).toString('base64url')}`;
    this.media.add(media_id);
    return { type: 'image', media_id, created_at: String(Math.floor(this.host.clock() / 1000)) };
  }

  private addTemplate(b: Out): Out {
    const chat_type = b['chat_type'] === 'group' ? 'group' : 'single';
    const sender = String(b['sender'] ?? '');
    const ids = ((b['external_userid'] as string[] | undefined) ?? []).map(String);
    const text = (b['text'] as { content?: string } | undefined) ?? { content: '' };
    const attachments = (b['attachments'] as Array<Record<string, unknown>> | undefined) ?? [];
    if (!text.content && attachments.length === 0) return { errcode: 41048, errmsg: 'no content' };
    if (attachments.length > 9) return { errcode: 41048, errmsg: 'attachments exceed 9' };
    if (Buffer.byteLength(text.content ?? '') > 4000) return { errcode: 45002, errmsg: 'content size out of limit' };
    if (chat_type === 'group' && !sender) return { errcode: 41009, errmsg: 'sender required for group' };
    if (sender && !this.host.members.has(sender)) return { errcode: 60111, errmsg: 'userid not found' };
    for (const a of attachments) {
      const mp = a['miniprogram'] as { pic_media_id?: string; page?: string; appid?: string; title?: string } | undefined;
      if (a['msgtype'] === 'miniprogram' && (!mp?.pic_media_id || !this.media.has(mp.pic_media_id) || !mp.appid || !mp.page || !mp.title))
        return { errcode: 40007, errmsg: 'invalid media_id (miniprogram.pic_media_id)' };
      const img = a['image'] as { media_id?: string } | undefined;
      if (a['msgtype'] === 'image' && img?.media_id && !this.media.has(img.media_id)) return { errcode: 40007, errmsg: 'invalid media_id' };
    }
    const fail_list = chat_type === 'single' ? ids.filter((id) => !this.host.follows(id, sender)) : [];
    const msgid = `msg${crypto.randomBytes(12).toString('base64url')}`;
    const results =
      chat_type === 'single'
        ? ids.filter((id) => !fail_list.includes(id)).map((id) => ({ external_userid: id, userid: sender, status: 0 }))
        : (this.host.groupsOf?.(sender) ?? [`wr${sender}`]).map((chat_id) => ({ chat_id, userid: sender, status: 0 }));
    const now = this.host.clock();
    this.templates.push({
      msgid,
      chat_type,
      sender,
      external_userid: ids,
      text: { content: text.content ?? '' },
      attachments,
      create_time: Math.floor(now / 1000),
      sent: false,
      send_time: 0,
      results,
      reminders: [],
    });
    return { fail_list, msgid };
  }

  private list(b: Out): Out {
    const start = Number(b['start_time'] ?? 0);
    const end = Number(b['end_time'] ?? 0);
    if (!start || !end) return { errcode: 41003, errmsg: 'start_time and end_time required' };
    if (end - start > 31 * 86_400) return { errcode: 40058, errmsg: 'time range exceeds one month' };
    const chat = b['chat_type'] === 'group' ? 'group' : 'single';
    const all = this.templates.filter((t) => t.chat_type === chat && t.create_time >= start && t.create_time <= end);
    const from = Number(b['cursor'] || 0);
    const limit = Math.min(100, Number(b['limit'] ?? 50) || 50);
    return {
      group_msg_list: all
        .slice(from, from + limit)
        .map((t) => ({ msgid: t.msgid, creator: t.sender, create_type: 0, text: t.text, attachments: t.attachments })),
      next_cursor: from + limit < all.length ? String(from + limit) : '',
    };
  }

  private find(b: Out): Template | undefined {
    return this.templates.find((t) => t.msgid === String(b['msgid'] ?? ''));
  }

  private task(b: Out): Out {
    const t = this.find(b);
    if (!t) return { errcode: 41063, errmsg: 'invalid msgid' };
    return { task_list: [{ userid: t.sender, status: t.sent ? 2 : 0, ...(t.sent ? { send_time: t.send_time } : {}) }], next_cursor: '' };
  }

  private sendResult(b: Out): Out {
    const t = this.find(b);
    if (!t) return { errcode: 41063, errmsg: 'invalid msgid' };
    if (String(b['userid'] ?? '') !== t.sender) return { send_list: [], next_cursor: '' };
    return { send_list: t.results.map((r) => ({ ...r })), next_cursor: '' };
  }

  private remind(b: Out): Out {
    const t = this.find(b);
    if (!t) return { errcode: 41063, errmsg: 'invalid msgid' };
    const now = this.host.clock();
    t.reminders = t.reminders.filter((r) => r > now - 86_400_000);
    if (t.reminders.length >= 3) return { errcode: 45009, errmsg: 'reminders reach the limit of 3 in 24 hours' };
    t.reminders.push(now);
    return {};
  }

  private addMoment(b: Out): Out {
    const users = ((b['visible_range'] as { sender_list?: { user_list?: string[] } } | undefined)?.sender_list?.user_list ?? []).map(String);
    const attachments = (b['attachments'] as Array<Record<string, unknown>> | undefined) ?? [];
    if (attachments.some((a) => !['image', 'video', 'link'].includes(String(a['msgtype'])))) return { errcode: 40058, errmsg: 'invalid attachment msgtype' };
    const text = String((b['text'] as { content?: string } | undefined)?.content ?? '');
    const now = Math.floor(this.host.clock() / 1000);
    const jobid = `job${crypto.randomBytes(10).toString('hex')}`;
    for (const sender of users.length ? users : ['*'])
      this.moments.push({ jobid, moment_id: `mom${crypto.randomBytes(10).toString('hex')}`, sender, text, create_time: now, published: false });
    return { jobid };
  }

  private momentResult(jobid: string): Out {
    const m = this.moments.filter((x) => x.jobid === jobid);
    if (m.length === 0) return { errcode: 41063, errmsg: 'invalid jobid' };
    const invalid = m.filter((x) => !this.host.members.has(x.sender)).map((x) => x.sender);
    return {
      status: 3,
      type: 'add_moment_task',
      result: { errcode: 0, errmsg: 'ok', moment_id: m[0]!.moment_id, invalid_sender_list: { user_list: invalid } },
    };
  }

  private momentTask(b: Out): Out {
    const m = this.moments.filter((x) => x.moment_id === String(b['moment_id'] ?? ''));
    if (m.length === 0) return { errcode: 41063, errmsg: 'invalid moment_id' };
    return { task_list: m.map((x) => ({ userid: x.sender, publish_status: x.published ? 1 : 0 })), next_cursor: '' };
  }
}
