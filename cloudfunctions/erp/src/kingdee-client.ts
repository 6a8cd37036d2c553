import http from 'node:http';
import https from 'node:https';
import type { KingdeeLoginResult, KingdeeResponseStatus, KingdeeResult } from '@shared/erp';
import { errorText, isSessionLost, KINGDEE_QUERY_LIMIT, KINGDEE_SERVICES, KINGDEE_SESSION_COOKIE } from '@shared/erp';
import { log } from '../../_kit/log';
import type { KingdeeConfig } from './config';

/**
 * Kingdee 金蝶云星空 WebAPI over Node's http/https (the function may run on Node 16, which has no
 * fetch): JSON POSTed to `<KINGDEE_URL><service>.common.kdsvc`, the session kept in the
 * `kdservice-sessionid` cookie the login sets (shared/erp/kingdee.ts cites the documentation).
 *
 * One client lives for one invocation (a function keeps no state between invocations): it logs in
 * with LoginByAppSecret on its first call, and when Kingdee answers that the session is lost
 * (MsgCode 1) it logs in again and repeats that call once. Under jest or KINGDEE_LOOPBACK_ONLY=1 a
 * non-loopback URL is refused before any socket opens. The app secret travels only in the login's
 * body: never in a URL, an error or a log line.
 */
export class KingdeeApiError extends Error {
  constructor(
    readonly service: string,
    message: string,
    /** Worth retrying as is later (network, session): not an answer about the data. */
    readonly transient: boolean,
  ) {
    super(`${service}：${message}`);
  }
}

const TIMEOUT_MS = 10_000;

function loopbackOnly(): boolean {
  return process.env['NODE_ENV'] === 'test' || process.env['KINGDEE_LOOPBACK_ONLY'] === '1';
}

interface Raw {
  body: unknown;
  cookies: string[];
}

function post(url: URL, body: unknown, cookie: string | null): Promise<Raw> {
  const service = url.pathname.split('.').slice(-3, -2)[0] ?? url.pathname;
  if (loopbackOnly() && !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    return Promise.reject(new KingdeeApiError(service, `refusing to reach ${url.host}: only loopback is allowed here`, false));
  }
  const payload = Buffer.from(JSON.stringify(body));
  const lib = url.protocol === 'https:' ? https : http;
  const headers: Record<string, string> = { 'content-type': 'application/json', 'content-length': String(payload.length) };
  if (cookie) headers['cookie'] = `${KINGDEE_SESSION_COOKIE}=${cookie}`;
  return new Promise((resolve, reject) => {
    const req = lib.request(url, { method: 'POST', timeout: TIMEOUT_MS, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          const setCookie = res.headers['set-cookie'] ?? [];
          resolve({ body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown, cookies: setCookie });
        } catch {
          reject(new KingdeeApiError(service, `HTTP ${res.statusCode ?? '?'}：不是 JSON`, true));
        }
      });
      res.on('error', (e) => reject(new KingdeeApiError(service, e.message, true)));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => reject(new KingdeeApiError(service, `网络错误：${e.message}`, true)));
    req.write(payload);
    req.end();
  });
}

export interface BillQuery {
  FormId: string;
  FieldKeys: readonly string[];
  FilterString?: string;
  OrderString?: string;
}

export class KingdeeClient {
  private session: string | null = null;
  /** Logins made by this client (the tests count re-logins). */
  logins = 0;

  constructor(private readonly cfg: KingdeeConfig) {}

  private url(service: string): URL {
    return new URL(service, this.cfg.baseUrl);
  }

  async login(): Promise<void> {
    const c = this.cfg;
    const res = await post(
      this.url(KINGDEE_SERVICES.loginByAppSecret),
      { acctid: c.acctId, username: c.username, appid: c.appId, appsecret: c.appSecret, lcid: c.lcid },
      null,
    );
    const r = res.body as Partial<KingdeeLoginResult>;
    if (r.LoginResultType !== 1) {
      // Kingdee's own message (e.g. 应用ID或应用密钥错误) names no secret; the log names the account, never the secret.
      log.warn('kingdee login refused', { acctId: c.acctId, username: c.username, message: r.Message ?? null });
      throw new KingdeeApiError('LoginByAppSecret', `登录失败：${r.Message ?? '金蝶未说明原因'}`, false);
    }
    const fromCookie = res.cookies.map((s) => new RegExp(`${KINGDEE_SESSION_COOKIE}=([^;]+)`).exec(s)?.[1]).find(Boolean);
    this.session = fromCookie ?? r.KDSVCSessionId ?? null;
    this.logins++;
  }

  /** One service call with the session; a lost session is logged into again and the call repeated once. */
  private async call(service: string, body: unknown): Promise<unknown> {
    if (!this.session) await this.login();
    let res = await post(this.url(service), body, this.session);
    if (isSessionLost(statusOf(res.body))) {
      log.info('kingdee session lost, logging in again', { service: service.split('.').slice(-3, -2)[0] });
      await this.login();
      res = await post(this.url(service), body, this.session);
    }
    return res.body;
  }

  private async operation(service: string, name: string, body: unknown): Promise<KingdeeResult> {
    const r = (await this.call(service, body)) as KingdeeResult;
    const s = r?.Result?.ResponseStatus;
    if (!s) throw new KingdeeApiError(name, '金蝶的回答缺少 ResponseStatus', true);
    if (!s.IsSuccess) throw new KingdeeApiError(name, errorText(s), isSessionLost(s));
    return r;
  }

  save(formid: string, data: Record<string, unknown>): Promise<KingdeeResult> {
    return this.operation(KINGDEE_SERVICES.save, 'Save', { formid, data });
  }

  submit(formid: string, numbers: string[]): Promise<KingdeeResult> {
    return this.operation(KINGDEE_SERVICES.submit, 'Submit', { formid, data: { Numbers: numbers, Ids: '' } });
  }

  audit(formid: string, numbers: string[]): Promise<KingdeeResult> {
    return this.operation(KINGDEE_SERVICES.audit, 'Audit', { formid, data: { Numbers: numbers, Ids: '' } });
  }

  unAudit(formid: string, numbers: string[]): Promise<KingdeeResult> {
    return this.operation(KINGDEE_SERVICES.unAudit, 'UnAudit', { formid, data: { Numbers: numbers, Ids: '' } });
  }

  delete(formid: string, numbers: string[]): Promise<KingdeeResult> {
    return this.operation(KINGDEE_SERVICES.delete, 'Delete', { formid, data: { Numbers: numbers, Ids: '' } });
  }

  /** ExcuteOperation: an operation of the form by its code, e.g. 整单关闭 of a sales order (SALE_ORDER_CLOSE_OP). */
  excuteOperation(formid: string, opNumber: string, numbers: string[]): Promise<KingdeeResult> {
    return this.operation(KINGDEE_SERVICES.excuteOperation, 'ExcuteOperation', { formid, opNumber, data: { Numbers: numbers, Ids: '' } });
  }

  /** One page of ExecuteBillQuery: rows of values in FieldKeys order. */
  async query(q: BillQuery, startRow = 0, limit = KINGDEE_QUERY_LIMIT): Promise<unknown[][]> {
    const data = {
      FormId: q.FormId,
      FieldKeys: q.FieldKeys.join(','),
      FilterString: q.FilterString ?? '',
      OrderString: q.OrderString ?? '',
      TopRowCount: 0,
      StartRow: startRow,
      Limit: limit,
    };
    const r = await this.call(KINGDEE_SERVICES.executeBillQuery, { data });
    const failed = statusOf(r);
    if (failed) throw new KingdeeApiError('ExecuteBillQuery', errorText(failed), isSessionLost(failed));
    if (!Array.isArray(r)) throw new KingdeeApiError('ExecuteBillQuery', '金蝶的回答不是行的数组', true);
    return r as unknown[][];
  }

  /** Every row, page by page (StartRow / Limit), as objects keyed by the field keys. */
  async queryAll(q: BillQuery, maxRows = 20_000): Promise<Array<Record<string, unknown>>> {
    const out: Array<Record<string, unknown>> = [];
    for (let start = 0; start < maxRows; start += KINGDEE_QUERY_LIMIT) {
      const page = await this.query(q, start);
      for (const row of page) out.push(Object.fromEntries(q.FieldKeys.map((k, i) => [k, row[i]])));
      if (page.length < KINGDEE_QUERY_LIMIT) break;
    }
    return out;
  }
}

/** The failed status inside an answer: `{ Result }` of an operation, or `[[{ Result }]]` of a query. */
function statusOf(body: unknown): KingdeeResponseStatus | undefined {
  const inner = Array.isArray(body) && Array.isArray(body[0]) ? (body[0] as unknown[])[0] : body;
  const s = (inner as KingdeeResult | undefined)?.Result?.ResponseStatus;
  return s && !s.IsSuccess ? s : undefined;
}
