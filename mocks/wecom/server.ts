import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import QRCode from 'qrcode';
import type { CallbackSettings, ContactEventFields, SignedRequest } from './callbacks';
import { contactEventXml, signedRequest } from './callbacks';
import { FakeGroupMsg } from './groupmsg';

/**
 * A fake WeCom (qyapi) on loopback: the external-contact APIs this system uses, with the limits and
 * error codes WeCom documents, in memory. It can also act as WeCom towards the app: build or POST
 * correctly encrypted, signed callbacks. Tests and `npm start` run it; it never listens beyond
 * 127.0.0.1.
 *
 * Limits kept: access tokens expire (7200 s; 42001 / 40014), tag and group names ≤ 30 characters
 * (40072), ≤ 3,000 corp tags (40126), duplicate tag names (40071), unknown tag ids (40068), no
 * relation (84061), transfers of ≤ 100 customers per call (40058), at most 2 accepted transfers per
 * customer in 90 days (40128), a customer already being transferred (40129), handover = takeover
 * (40130), handover not following the customer (40131), resigned transfer of a member still
 * employed (40097), unknown member (60111), unknown customer (40096).
 */
export interface FakeWecomOptions extends CallbackSettings {
  secret: string;
  /** Where to POST callbacks (the app's HTTP-access URL); settable later. */
  callbackUrl?: string;
  clock?: () => number;
  /** Max corp tags (default 3000, smaller in tests). */
  maxTags?: number;
}

interface Follow {
  userid: string;
  createtime: number;
  state: string;
  remark: string;
  tagIds: Set<string>;
}

interface Contact {
  external_userid: string;
  name: string;
  avatar: string;
  type: number;
  gender: number;
  unionid: string | null;
  follow: Map<string, Follow>;
}

interface TagGroup {
  group_id: string;
  group_name: string;
  create_time: number;
  order: number;
  tag: Array<{ id: string; name: string; create_time: number; order: number }>;
}

interface Transfer {
  external_userid: string;
  handover: string;
  takeover: string;
  mode: 'on_job' | 'resigned';
  at: number;
  /** transfer_result: 1 done, 2 waiting, 3 refused by the customer, 4 takeover full. */
  status: 1 | 2 | 3 | 4;
  takeover_time: number;
}

export interface RecordedCall {
  api: string;
  query: Record<string, string>;
  body: Record<string, unknown> | null;
  errcode: number;
  at: number;
}

const DAY_MS = 86_400_000;

function charLength(s: string): number {
  return Array.from(s).length;
}

export class FakeWecom {
  readonly members = new Map<string, { name: string; status: 'active' | 'resigned' }>();
  readonly contacts = new Map<string, Contact>();
  readonly groups: TagGroup[] = [];
  readonly transfers: Transfer[] = [];
  readonly calls: RecordedCall[] = [];
  readonly contactWays: Array<{ config_id: string; state: string; user: string[] }> = [];
  private readonly tokens = new Map<string, number>();
  private readonly failures = new Map<string, number[]>();
  private server: http.Server | null = null;
  /** 企业群发 and 企业朋友圈 (groupmsg.ts): the tasks made, and the members' confirmation. */
  readonly push = new FakeGroupMsg({
    clock: () => this.clock(),
    members: this.members,
    follows: (externalUserId, userId) => !!this.contacts.get(externalUserId)?.follow.has(userId),
  });
  private seq = 0;
  url = '';
  callbackUrl: string | null;
  readonly clock: () => number;
  private readonly maxTags: number;

  constructor(readonly opts: FakeWecomOptions) {
    this.callbackUrl = opts.callbackUrl ?? null;
    this.clock = opts.clock ?? (() => Date.now());
    this.maxTags = opts.maxTags ?? 3000;
  }

  get settings(): CallbackSettings {
    return { corpId: this.opts.corpId, token: this.opts.token, aesKey: this.opts.aesKey };
  }

  /** The environment the wecom function needs to talk to this server and trust its callbacks. */
  env(): Record<string, string> {
    return {
      WECOM_CORP_ID: this.opts.corpId,
      WECOM_CALLBACK_TOKEN: this.opts.token,
      WECOM_CALLBACK_AES_KEY: this.opts.aesKey,
      WECOM_CONTACT_SECRET: this.opts.secret,
      WECOM_API_BASE: this.url,
    };
  }

  async start(port = 0): Promise<string> {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errcode: -1, errmsg: String(e) }));
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  // ---- test and demo controls -----------------------------------------------------------------

  addMember(userid: string, name: string, status: 'active' | 'resigned' = 'active'): void {
    this.members.set(userid, { name, status });
  }

  resign(userid: string): void {
    const m = this.members.get(userid);
    if (m) m.status = 'resigned';
  }

  /** The next `times` calls of `api` (e.g. 'externalcontact/mark_tag') answer `errcode`. */
  failNext(api: string, errcode: number, times = 1): void {
    this.failures.set(api, [...(this.failures.get(api) ?? []), ...Array<number>(times).fill(errcode)]);
  }

  callsTo(api: string): RecordedCall[] {
    return this.calls.filter((c) => c.api === api);
  }

  /** Tag names (group/name) a member has on a customer. */
  tagsOf(externalUserId: string, userid: string): string[] {
    const f = this.contacts.get(externalUserId)?.follow.get(userid);
    if (!f) return [];
    const out: string[] = [];
    for (const g of this.groups) for (const t of g.tag) if (f.tagIds.has(t.id)) out.push(`${g.group_name}/${t.name}`);
    return out.sort();
  }

  tagCount(): number {
    return this.groups.reduce((n, g) => n + g.tag.length, 0);
  }

  /** A WeChat user adds a member (scanning a 联系我 code with `state`): the relation exists in WeCom. */
  addContact(p: { userId: string; name: string; externalUserId?: string; unionid?: string | null; state?: string }): {
    externalUserId: string;
    createTime: number;
  } {
    const externalUserId =
      p.externalUserId ??
      `wm${crypto
        .createHash('sha1')
        .update(`${p.name}|${p.unionid ?? ''}|${++this.seq}|${this.clock()}`)
        .digest('hex')
        .slice(0, 30)}`;
    const createTime = Math.floor(this.clock() / 1000);
    const c = this.contacts.get(externalUserId) ?? {
      external_userid: externalUserId,
      name: p.name,
      avatar: `http://127.0.0.1/avatar/${externalUserId}.png`,
      type: 1,
      gender: 0,
      unionid: p.unionid ?? null,
      follow: new Map<string, Follow>(),
    };
    c.follow.set(p.userId, { userid: p.userId, createtime: createTime, state: p.state ?? '', remark: '', tagIds: new Set() });
    this.contacts.set(externalUserId, c);
    return { externalUserId, createTime };
  }

  /** A signed, encrypted callback for an event, as WeCom would POST it. */
  callback(f: ContactEventFields, timestampS = Math.floor(this.clock() / 1000)): SignedRequest {
    return signedRequest(this.settings, contactEventXml(this.opts.corpId, f, timestampS), { timestamp: timestampS });
  }

  /** POST a callback to the app (callbackUrl) and return its answer. */
  async send(f: ContactEventFields): Promise<{ status: number; body: string }> {
    if (!this.callbackUrl) throw new Error('fake WeCom: no callbackUrl to send to');
    const req = this.callback(f);
    const url = new URL(this.callbackUrl);
    for (const [k, v] of Object.entries(req.query)) url.searchParams.set(k, v);
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: req.body });
    return { status: res.status, body: await res.text() };
  }

  /** The customer adds the member and WeCom tells the app: relation + add_external_contact callback. */
  async simulateAdd(p: {
    userId: string;
    name: string;
    unionid?: string | null;
    state?: string;
    externalUserId?: string;
  }): Promise<{ externalUserId: string; status: number; body: string }> {
    const { externalUserId, createTime } = this.addContact(p);
    const answer = await this.send({ changeType: 'add_external_contact', userId: p.userId, externalUserId, state: p.state, createTime });
    return { externalUserId, ...answer };
  }

  /** Let WeCom finish waiting transfers (24 h later): taken over (1), refused by the customer (3) or the takeover full (4). */
  async completeTransfers(status: 1 | 3 | 4 = 1, notify = true): Promise<number> {
    let n = 0;
    for (const t of this.transfers.filter((x) => x.status === 2)) {
      t.status = status;
      t.takeover_time = Math.floor(this.clock() / 1000);
      n++;
      const c = this.contacts.get(t.external_userid);
      if (status === 1 && c) {
        const from = c.follow.get(t.handover);
        c.follow.delete(t.handover);
        c.follow.set(t.takeover, {
          userid: t.takeover,
          createtime: t.takeover_time,
          state: from?.state ?? '',
          remark: '',
          tagIds: new Set(from?.tagIds ?? []),
        });
        if (notify && this.callbackUrl)
          await this.send({ changeType: 'del_external_contact', userId: t.handover, externalUserId: t.external_userid, source: 'DELETE_BY_TRANSFER' });
      } else if (status !== 1 && notify && this.callbackUrl) {
        await this.send({
          changeType: 'transfer_fail',
          userId: t.takeover,
          externalUserId: t.external_userid,
          failReason: status === 3 ? 'customer_refused' : 'customer_limit_exceed',
        });
      }
    }
    return n;
  }

  // ---- the API ----------------------------------------------------------------------------------

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };

    if (url.pathname === '/__fake/simulate' && req.method === 'POST') {
      const p = JSON.parse(raw || '{}') as { userId: string; name: string; unionid?: string; state?: string };
      return send(200, await this.simulateAdd(p));
    }
    if (url.pathname === '/__fake/calls') return send(200, this.calls);
    // The image behind a 「联系我」 qr_code: a QR code of the contact way (WeCom serves its own from its CDN).
    const qr = /^\/__fake\/qr\/([0-9a-f]{32})\.png$/.exec(url.pathname);
    if (qr && this.contactWays.some((w) => w.config_id === qr[1])) {
      const png = await QRCode.toBuffer(`https://work.weixin.qq.com/ca/${qr[1]!}`, { type: 'png', width: 430, margin: 2 });
      res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'max-age=3600' });
      return void res.end(png);
    }
    if (url.pathname === '/__fake/complete-transfers' && req.method === 'POST') return send(200, { completed: await this.completeTransfers() });
    // A member taps 发送 on HQ's mass message (or publishes the Moments post) in their WeCom client.
    if (url.pathname === '/__fake/groupmsg/send' && req.method === 'POST') {
      const p = JSON.parse(raw || '{}') as { userId: string; msgid?: string };
      return send(200, { sent: this.push.confirmSend(p.userId, p.msgid), published: this.push.publishMoments(p.userId) });
    }

    const m = /^\/cgi-bin\/(.+)$/.exec(url.pathname);
    if (!m) return send(404, { errcode: 404, errmsg: 'not found' });
    const api = m[1]!;
    const query = Object.fromEntries(url.searchParams.entries());
    let body: Record<string, unknown> | null = null;
    if ((api === 'media/upload' || api === 'media/upload_attachment') && req.method === 'POST') {
      const tokenError = this.checkToken(query['access_token']);
      return this.answer(send, api, query, null, tokenError ?? this.push.upload(Buffer.concat(chunks), query));
    }
    if (req.method === 'POST') {
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      } catch {
        return this.answer(send, api, query, null, { errcode: 47001, errmsg: 'data format error' });
      }
    }
    const injected = this.failures.get(api);
    if (injected && injected.length > 0) {
      const errcode = injected.shift()!;
      return this.answer(send, api, query, body, { errcode, errmsg: errcode === -1 ? 'system busy' : 'injected failure' });
    }
    if (api === 'gettoken') return this.answer(send, api, query, body, this.gettoken(query));
    const tokenError = this.checkToken(query['access_token']);
    if (tokenError) return this.answer(send, api, query, body, tokenError);
    const b = body ?? {};
    const handlers: Record<string, () => Record<string, unknown>> = {
      'externalcontact/get': () => this.getContact(query['external_userid'] ?? ''),
      'externalcontact/get_corp_tag_list': () => this.getCorpTagList(),
      'externalcontact/add_corp_tag': () => this.addCorpTag(b),
      'externalcontact/mark_tag': () => this.markTag(b),
      'externalcontact/add_contact_way': () => this.addContactWay(b),
      'externalcontact/transfer_customer': () => this.transfer('on_job', b),
      'externalcontact/resigned/transfer_customer': () => this.transfer('resigned', b),
      'externalcontact/transfer_result': () => this.transferResult('on_job', b),
      'externalcontact/resigned/transfer_result': () => this.transferResult('resigned', b),
      ...this.push.handlers(b, query),
    };
    const h = handlers[api];
    if (!h) return this.answer(send, api, query, body, { errcode: 48002, errmsg: `api forbidden (fake WeCom does not implement ${api})` });
    return this.answer(send, api, query, body, h());
  }

  private answer(
    send: (s: number, b: unknown) => void,
    api: string,
    query: Record<string, string>,
    body: Record<string, unknown> | null,
    out: Record<string, unknown>,
  ): void {
    const result = { errcode: 0, errmsg: 'ok', ...out };
    const { corpsecret: _secret, ...safeQuery } = query;
    this.calls.push({ api, query: safeQuery, body, errcode: Number(result.errcode), at: this.clock() });
    send(200, result);
  }

  private gettoken(q: Record<string, string>): Record<string, unknown> {
    if (!q['corpid']) return { errcode: 41002, errmsg: 'corpid missing' };
    if (q['corpid'] !== this.opts.corpId) return { errcode: 40013, errmsg: 'invalid corpid' };
    if (!q['corpsecret']) return { errcode: 41004, errmsg: 'corpsecret missing' };
    if (q['corpsecret'] !== this.opts.secret) return { errcode: 40001, errmsg: 'invalid credential' };
    const token = crypto.randomBytes(24).toString('base64url');
    this.tokens.set(token, this.clock() + 7200_000);
    return { access_token: token, expires_in: 7200 };
  }

  /** Expire every token now (the next call answers 42001). */
  expireTokens(): void {
    for (const k of this.tokens.keys()) this.tokens.set(k, 0);
  }

  private checkToken(token: string | undefined): Record<string, unknown> | null {
    if (!token) return { errcode: 41001, errmsg: 'access_token missing' };
    const exp = this.tokens.get(token);
    if (exp === undefined) return { errcode: 40014, errmsg: 'invalid access_token' };
    if (exp <= this.clock()) return { errcode: 42001, errmsg: 'access_token expired' };
    return null;
  }

  private getContact(id: string): Record<string, unknown> {
    if (!id) return { errcode: 41035, errmsg: 'external_userid missing' };
    const c = this.contacts.get(id);
    if (!c) return { errcode: 40096, errmsg: 'invalid external_userid' };
    if (c.follow.size === 0) return { errcode: 84061, errmsg: 'not external contact' };
    const external_contact: Record<string, unknown> = { external_userid: c.external_userid, name: c.name, avatar: c.avatar, type: c.type, gender: c.gender };
    if (c.unionid) external_contact['unionid'] = c.unionid;
    const follow_user = [...c.follow.values()].map((f) => ({
      userid: f.userid,
      remark: f.remark,
      createtime: f.createtime,
      state: f.state || undefined,
      tags: this.groups.flatMap((g) =>
        g.tag.filter((t) => f.tagIds.has(t.id)).map((t) => ({ group_name: g.group_name, tag_name: t.name, tag_id: t.id, type: 1 })),
      ),
    }));
    return { external_contact, follow_user };
  }

  private getCorpTagList(): Record<string, unknown> {
    return { tag_group: this.groups.map((g) => ({ ...g, tag: g.tag.map((t) => ({ ...t })) })) };
  }

  private addCorpTag(b: Record<string, unknown>): Record<string, unknown> {
    const tags = b['tag'];
    if (!Array.isArray(tags) || tags.length === 0) return { errcode: 40058, errmsg: 'tag is empty' };
    const names = tags.map((t) => String((t as { name?: unknown }).name ?? ''));
    if (names.some((n) => n.trim() === '' || charLength(n) > 30)) return { errcode: 40072, errmsg: 'invalid tag name size' };
    let group: TagGroup | undefined;
    if (b['group_id']) {
      group = this.groups.find((g) => g.group_id === b['group_id']);
      if (!group) return { errcode: 40068, errmsg: 'invalid tagid' };
    } else {
      const gname = String(b['group_name'] ?? '');
      if (!gname) return { errcode: 40058, errmsg: 'group_id or group_name required' };
      if (charLength(gname) > 30) return { errcode: 40072, errmsg: 'invalid group name size' };
      group = this.groups.find((g) => g.group_name === gname);
      if (!group) {
        group = { group_id: `et${crypto.randomBytes(12).toString('hex')}`, group_name: gname, create_time: Math.floor(this.clock() / 1000), order: 0, tag: [] };
        if (this.tagCount() + new Set(names).size > this.maxTags) return { errcode: 40126, errmsg: `corp tags reach the limit ${this.maxTags}` };
        this.groups.push(group);
      }
    }
    const fresh = [...new Set(names)].filter((n) => !group!.tag.some((t) => t.name === n));
    if (fresh.length === 0) return { errcode: 40071, errmsg: 'tag name already exists' };
    if (this.tagCount() + fresh.length > this.maxTags) return { errcode: 40126, errmsg: `corp tags reach the limit ${this.maxTags}` };
    for (const name of fresh)
      group.tag.push({ id: `et${crypto.randomBytes(14).toString('hex')}`, name, create_time: Math.floor(this.clock() / 1000), order: 0 });
    return { tag_group: { ...group, tag: group.tag.filter((t) => fresh.includes(t.name)) } };
  }

  private markTag(b: Record<string, unknown>): Record<string, unknown> {
    const userid = String(b['userid'] ?? '');
    const ext = String(b['external_userid'] ?? '');
    const add = (b['add_tag'] as string[] | undefined) ?? [];
    const remove = (b['remove_tag'] as string[] | undefined) ?? [];
    if (!userid) return { errcode: 41009, errmsg: 'userid missing' };
    if (!ext) return { errcode: 41035, errmsg: 'external_userid missing' };
    if (add.length === 0 && remove.length === 0) return { errcode: 40058, errmsg: 'add_tag and remove_tag are both empty' };
    if (!this.members.has(userid)) return { errcode: 60111, errmsg: 'userid not found' };
    const f = this.contacts.get(ext)?.follow.get(userid);
    if (!f) return { errcode: 84061, errmsg: 'not external contact' };
    const known = new Set(this.groups.flatMap((g) => g.tag.map((t) => t.id)));
    if ([...add, ...remove].some((id) => !known.has(id))) return { errcode: 40068, errmsg: 'invalid tagid' };
    for (const id of add) f.tagIds.add(id);
    for (const id of remove) f.tagIds.delete(id);
    return {};
  }

  private addContactWay(b: Record<string, unknown>): Record<string, unknown> {
    const type = Number(b['type']);
    const scene = Number(b['scene']);
    const state = String(b['state'] ?? '');
    const user = (b['user'] as string[] | undefined) ?? [];
    if (type !== 1 && type !== 2) return { errcode: 41039, errmsg: 'invalid type' };
    if (scene !== 1 && scene !== 2) return { errcode: 41040, errmsg: 'invalid scene' };
    if (charLength(state) > 30) return { errcode: 40058, errmsg: 'state exceeds 30 characters' };
    if (type === 1 && user.length !== 1) return { errcode: 41041, errmsg: 'single-person code needs exactly one user' };
    if (user.length > 100) return { errcode: 41041, errmsg: 'too many users' };
    if (user.some((u) => !this.members.has(u))) return { errcode: 60111, errmsg: 'userid not found' };
    const config_id = crypto.randomBytes(16).toString('hex');
    this.contactWays.push({ config_id, state, user });
    return { config_id, qr_code: `${this.url}/__fake/qr/${config_id}.png` };
  }

  private transfer(mode: 'on_job' | 'resigned', b: Record<string, unknown>): Record<string, unknown> {
    const handover = String(b['handover_userid'] ?? '');
    const takeover = String(b['takeover_userid'] ?? '');
    const ids = b['external_userid'];
    if (!handover || !takeover) return { errcode: 41009, errmsg: 'userid missing' };
    if (!Array.isArray(ids) || ids.length === 0) return { errcode: 41035, errmsg: 'external_userid missing' };
    if (ids.length > 100) return { errcode: 40058, errmsg: 'external_userid exceeds 100' };
    const h = this.members.get(handover);
    const t = this.members.get(takeover);
    if (!h || !t) return { errcode: 60111, errmsg: 'userid not found' };
    if (mode === 'resigned' && h.status !== 'resigned') return { errcode: 40097, errmsg: 'handover user is not resigned' };
    const now = this.clock();
    const customer = ids.map((raw) => {
      const id = String(raw);
      const errcode = (() => {
        if (handover === takeover) return 40130;
        const c = this.contacts.get(id);
        if (!c) return 40096;
        if (!c.follow.has(handover)) return 40131;
        if (this.transfers.some((x) => x.external_userid === id && x.status === 2)) return 40129;
        const recent = this.transfers.filter((x) => x.external_userid === id && x.at > now - 90 * DAY_MS && x.status !== 3 && x.status !== 4).length;
        if (recent >= 2) return 40128;
        return 0;
      })();
      if (errcode === 0) this.transfers.push({ external_userid: id, handover, takeover, mode, at: now, status: 2, takeover_time: 0 });
      return { external_userid: id, errcode };
    });
    return { customer };
  }

  private transferResult(mode: 'on_job' | 'resigned', b: Record<string, unknown>): Record<string, unknown> {
    const handover = String(b['handover_userid'] ?? '');
    const takeover = String(b['takeover_userid'] ?? '');
    const all = this.transfers.filter((x) => x.mode === mode && x.handover === handover && x.takeover === takeover);
    const start = Number(b['cursor'] || 0);
    const page = all.slice(start, start + 1000);
    return {
      customer: page.map((x) => ({ external_userid: x.external_userid, status: x.status, takeover_time: x.takeover_time })),
      next_cursor: start + 1000 < all.length ? String(start + 1000) : '',
    };
  }
}

/** Demo settings for `npm start` (not secrets: they only ever talk to this fake server). */
export const DEMO_WECOM = {
  corpId: 'wwlocal0000demo0001',
  token: 'LocalDemoToken2026',
  aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  secret: 'local-demo-contact-secret',
} as const;
