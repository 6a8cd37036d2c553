import http from 'node:http';
import https from 'node:https';
import type { Db } from '../../_kit/db';
import type { WecomConfig } from './config';

/**
 * The outbound WeCom API (qyapi), over Node's http/https (the function may run on Node 16, which
 * has no fetch). The base URL comes from WECOM_API_BASE, so locally and in tests every call goes
 * to the fake server on loopback; under jest (NODE_ENV=test) or WECOM_LOOPBACK_ONLY=1 a
 * non-loopback base is refused before any socket opens.
 */
export class WecomApiError extends Error {
  constructor(
    readonly api: string,
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`${api}: errcode ${errcode} ${errmsg}`);
  }
}

/** Errors worth retrying later (system busy, rate limits, network); the rest are answers. */
export function isTransient(e: unknown): boolean {
  if (!(e instanceof WecomApiError)) return true;
  return e.errcode === -1 || e.errcode === 45009 || e.errcode === 45033 || e.errcode === 42001 || e.errcode === 40014 || e.errcode < -1;
}

const TOKEN_DOC = 'wecom_token';
/** Refresh a token this long before WeCom says it expires. */
const TOKEN_MARGIN_MS = 5 * 60_000;
const TIMEOUT_MS = 5000;

function loopbackOnly(): boolean {
  return process.env['NODE_ENV'] === 'test' || process.env['WECOM_LOOPBACK_ONLY'] === '1';
}

function isLoopback(url: URL): boolean {
  return url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
}

function request(method: 'GET' | 'POST', url: URL, body?: unknown): Promise<Record<string, unknown>> {
  if (loopbackOnly() && !isLoopback(url)) {
    return Promise.reject(
      new WecomApiError(url.pathname, -2, `refusing to reach ${url.host}: only loopback is allowed here (set WECOM_API_BASE to the fake server)`),
    );
  }
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      url,
      { method, timeout: TIMEOUT_MS, headers: payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
          } catch {
            reject(new WecomApiError(url.pathname, -3, `HTTP ${res.statusCode ?? '?'}: not JSON`));
          }
        });
        res.on('error', (e) => reject(new WecomApiError(url.pathname, -4, e.message)));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => reject(new WecomApiError(url.pathname, -4, e.message)));
    if (payload) req.write(payload);
    req.end();
  });
}

export interface ContactDetail {
  external_contact: { external_userid: string; name?: string; avatar?: string; type?: number; gender?: number; unionid?: string };
  follow_user: Array<{
    userid: string;
    remark?: string;
    createtime?: number;
    state?: string;
    tags?: Array<{ group_name: string; tag_name: string; tag_id?: string; type: number }>;
  }>;
}

export interface CorpTagGroupWire {
  group_id: string;
  group_name: string;
  deleted?: boolean;
  tag: Array<{ id: string; name: string; deleted?: boolean }>;
}

export class WecomApi {
  private token: { value: string; expiresAt: number } | null = null;

  constructor(
    private readonly config: WecomConfig,
    private readonly db: Db,
    private readonly clock: () => number = Date.now,
  ) {}

  private url(path: string, query: Record<string, string> = {}): URL {
    const u = new URL(this.config.apiBase + path);
    for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
    return u;
  }

  /** An access token: this instance's, else the one in the database, else a new one from gettoken. */
  async accessToken(force = false): Promise<string> {
    const now = this.clock();
    if (!force && this.token && this.token.expiresAt - TOKEN_MARGIN_MS > now) return this.token.value;
    if (!force) {
      const stored = await this.db.getById<{ value: string; expiresAt: number }>('system', TOKEN_DOC);
      if (stored && stored.expiresAt - TOKEN_MARGIN_MS > now) {
        this.token = { value: stored.value, expiresAt: stored.expiresAt };
        return stored.value;
      }
    }
    if (!this.config.secret) throw new WecomApiError('gettoken', 41004, 'WECOM_CONTACT_SECRET is not set');
    const res = await request('GET', this.url('/cgi-bin/gettoken', { corpid: this.config.corpId, corpsecret: this.config.secret }));
    if (res['errcode'] !== 0 || typeof res['access_token'] !== 'string') {
      throw new WecomApiError('gettoken', Number(res['errcode'] ?? -1), String(res['errmsg'] ?? ''));
    }
    const expiresAt = now + Number(res['expires_in'] ?? 7200) * 1000;
    this.token = { value: res['access_token'], expiresAt };
    await this.db.set('system', TOKEN_DOC, { value: res['access_token'], expiresAt, refreshedAt: now });
    return res['access_token'];
  }

  /** One API call with the token; an expired or invalid token is refreshed once. (Public: push-api.ts adds the mass-message calls.) */
  async call(api: string, method: 'GET' | 'POST', query: Record<string, string>, body?: unknown): Promise<Record<string, unknown>> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken(attempt > 0);
      const res = await request(method, this.url(`/cgi-bin/${api}`, { ...query, access_token: token }), body);
      const errcode = Number(res['errcode'] ?? 0);
      if (errcode === 0) return res;
      if ((errcode === 42001 || errcode === 40014) && attempt === 0) {
        this.token = null;
        continue;
      }
      throw new WecomApiError(api, errcode, String(res['errmsg'] ?? ''));
    }
  }

  async getContact(externalUserId: string): Promise<ContactDetail> {
    return (await this.call('externalcontact/get', 'GET', { external_userid: externalUserId })) as unknown as ContactDetail;
  }

  async getCorpTagList(): Promise<CorpTagGroupWire[]> {
    const res = await this.call('externalcontact/get_corp_tag_list', 'POST', {}, {});
    return (res['tag_group'] as CorpTagGroupWire[] | undefined) ?? [];
  }

  async addCorpTag(group: { groupId: string | null; groupName: string }, names: string[]): Promise<CorpTagGroupWire> {
    const body: Record<string, unknown> = { tag: names.map((name) => ({ name })) };
    if (group.groupId) body['group_id'] = group.groupId;
    else body['group_name'] = group.groupName;
    const res = await this.call('externalcontact/add_corp_tag', 'POST', {}, body);
    return res['tag_group'] as CorpTagGroupWire;
  }

  async markTag(userId: string, externalUserId: string, addTag: string[], removeTag: string[] = []): Promise<void> {
    await this.call('externalcontact/mark_tag', 'POST', {}, { userid: userId, external_userid: externalUserId, add_tag: addTag, remove_tag: removeTag });
  }

  /** 在职继承 (on_job) or 离职继承 (resigned): at most 100 customers; per-customer errcodes. */
  async transferCustomer(
    mode: 'on_job' | 'resigned',
    handover: string,
    takeover: string,
    externalUserIds: string[],
  ): Promise<Array<{ external_userid: string; errcode: number }>> {
    const api = mode === 'resigned' ? 'externalcontact/resigned/transfer_customer' : 'externalcontact/transfer_customer';
    const res = await this.call(api, 'POST', {}, { handover_userid: handover, takeover_userid: takeover, external_userid: externalUserIds });
    return (res['customer'] as Array<{ external_userid: string; errcode: number }> | undefined) ?? [];
  }

  async transferResult(
    mode: 'on_job' | 'resigned',
    handover: string,
    takeover: string,
    cursor = '',
  ): Promise<{ customer: Array<{ external_userid: string; status: number; takeover_time?: number }>; next_cursor: string }> {
    const api = mode === 'resigned' ? 'externalcontact/resigned/transfer_result' : 'externalcontact/transfer_result';
    const res = await this.call(api, 'POST', {}, { handover_userid: handover, takeover_userid: takeover, cursor });
    return { customer: (res['customer'] as Array<{ external_userid: string; status: number }>) ?? [], next_cursor: String(res['next_cursor'] ?? '') };
  }

  /** 配置客户联系「联系我」方式: a QR code whose `state` (≤ 30 chars) comes back in add_external_contact. */
  async addContactWay(userIds: string[], state: string, remark = ''): Promise<{ config_id: string; qr_code: string }> {
    const res = await this.call(
      'externalcontact/add_contact_way',
      'POST',
      {},
      { type: userIds.length > 1 ? 2 : 1, scene: 2, state, remark, user: userIds, skip_verify: true },
    );
    return { config_id: String(res['config_id']), qr_code: String(res['qr_code']) };
  }
}
