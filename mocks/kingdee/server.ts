import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KingdeeDocumentStatus, KingdeeError, KingdeeResult, SaleOrderModel } from '../../shared/erp/kingdee';
import {
  KINGDEE_QUERY_LIMIT,
  KINGDEE_SERVICES,
  KINGDEE_SESSION_COOKIE,
  SALE_ORDER_CLOSE_OP,
  SESSION_LOST_MESSAGE,
  SESSION_LOST_MSGCODE,
  kingdeeTime,
  parseKingdeeTime,
} from '../../shared/erp/kingdee';

/**
 * A fake Kingdee 金蝶云星空 on loopback: the WebAPI services the ERP connector calls (login,
 * Save / Submit / Audit, ExecuteBillQuery), answering the documented shapes (shared/erp/kingdee.ts
 * cites the pages) from memory. It holds sales orders (SAL_SaleOrder), outbound deliveries
 * (SAL_OUTSTOCK, carrier and tracking number per bill, lines per entry), receivables (AR_receivable),
 * receipts (AR_RECEIVEBILL) and inventory (STK_Inventory), and the base data they refer to.
 *
 * Kept as Kingdee does: sessions by the `kdservice-sessionid` cookie that expire (MsgCode 1
 * 会话信息已丢失，请重新登录, also on demand), unique bill numbers, unknown base data refused on
 * Save, Submit only from 创建 (A) and Audit only from 审核中 (B), UnAudit only from 已审核 (C, to
 * 重新审核 D), Delete only of a bill not audited and without outbound deliveries, 整单关闭
 * (ExcuteOperation YLBillClose) only of an audited one, Limit capped at 2,000 rows.
 *
 * A loopback admin hook (`/__fake/…`, and the same methods in process) lets tests and the demo act
 * as the ERP's users: ship part of an order, record a receipt, change stock. It never listens
 * beyond 127.0.0.1.
 */
export interface FakeKingdeeOptions {
  acctId: string;
  username: string;
  appId: string;
  appSecret: string;
  /** For ValidateUser (user name + password login). */
  password?: string;
  /** Idle time after which a session is lost (default 20 minutes). */
  sessionTtlMs?: number;
  clock?: () => number;
}

interface Entry {
  FEntryID: number;
  [field: string]: unknown;
}

interface Bill {
  FID: number;
  FBillNo: string;
  FDocumentStatus: KingdeeDocumentStatus;
  FDate: number;
  FModifyDate: number;
  head: Record<string, unknown>;
  entries: Entry[];
}

export interface RecordedKingdeeCall {
  service: string;
  body: unknown;
  cookie: string | null;
  ok: boolean;
  at: number;
}

type Form = 'SAL_SaleOrder' | 'SAL_OUTSTOCK' | 'AR_receivable' | 'AR_RECEIVEBILL';

/** Field keys per form: header fields, and entry fields (a query naming one answers a row per entry). */
const HEAD_FIELDS: Record<Form | 'STK_Inventory', string[]> = {
  SAL_SaleOrder: [
    'FID',
    'FBillNo',
    'FDocumentStatus',
    'FDate',
    'FModifyDate',
    'FCustId.FNumber',
    'FSaleOrgId.FNumber',
    'FBillAllAmount',
    'FNote',
    'FCloseStatus',
  ],
  SAL_OUTSTOCK: ['FID', 'FBillNo', 'FDocumentStatus', 'FDate', 'FModifyDate', 'FCustomerID.FNumber', 'FStockOrgId.FNumber', 'FCarrierID.FName', 'FCarriageNO'],
  AR_receivable: ['FID', 'FBillNo', 'FDocumentStatus', 'FDate', 'FModifyDate', 'FCUSTOMERID.FNumber', 'FALLAMOUNTFOR'],
  AR_RECEIVEBILL: ['FID', 'FBillNo', 'FDocumentStatus', 'FDate', 'FModifyDate', 'FCONTACTUNIT.FNumber', 'FREALRECAMOUNTFOR', 'FREMARK'],
  STK_Inventory: ['FID', 'FMaterialId.FNumber', 'FStockId.FNumber', 'FStockOrgId.FNumber', 'FBaseQty', 'FUpdateTime'],
};
const ENTRY_FIELDS: Record<Form, string[]> = {
  SAL_SaleOrder: ['FSaleOrderEntry_FEntryID', 'FMaterialId.FNumber', 'FQty', 'FTaxPrice', 'FIsFree', 'FAllAmount'],
  SAL_OUTSTOCK: ['FEntity_FEntryID', 'FSoorDerno', 'FMaterialID.FNumber', 'FRealQty', 'FStockID.FNumber', 'FAllAmount'],
  AR_receivable: [],
  AR_RECEIVEBILL: [],
};
const DATE_FIELDS = new Set(['fdate', 'fmodifydate', 'fupdatetime']);

const round2 = (n: number) => Math.round(n * 100) / 100;
const kdDate = (ms: number) => kingdeeTime(ms).replace(' ', 'T');
const lower = (s: string) => s.toLowerCase();

function status(ok: boolean, errors: KingdeeError[] = [], success: Array<{ Id: number; Number: string; DIndex: number }> = [], msgCode = 0): KingdeeResult {
  return {
    Result: {
      ResponseStatus: { ...(ok ? {} : { ErrorCode: 500 }), IsSuccess: ok, Errors: errors, SuccessEntitys: success, SuccessMessages: [], MsgCode: msgCode },
      ...(success[0] ? { Id: success[0].Id, Number: success[0].Number, NeedReturnData: [{}] } : {}),
    },
  };
}
const fail = (message: string, field: string | null = null, index = 0) => status(false, [{ FieldName: field, Message: message, DIndex: index }]);

export class FakeKingdee {
  readonly bills: Record<Form, Bill[]> = { SAL_SaleOrder: [], SAL_OUTSTOCK: [], AR_receivable: [], AR_RECEIVEBILL: [] };
  /** STK_Inventory rows by `material@stock`. */
  readonly inventory = new Map<string, { FID: number; material: string; stock: string; org: string; qty: number; updated: number }>();
  readonly materials = new Set<string>();
  readonly customers = new Set<string>();
  /** Stock number → its stock organisation number. */
  readonly stocks = new Map<string, string>();
  readonly calls: RecordedKingdeeCall[] = [];
  private readonly sessions = new Map<string, number>();
  private readonly lose = new Map<string, number>();
  private readonly expireOn = new Set<string>();
  private server: http.Server | null = null;
  private seq = 100_000;
  private readonly clock: () => number;
  url = '';

  constructor(readonly opts: FakeKingdeeOptions) {
    this.clock = opts.clock ?? (() => Date.now());
  }

  /** The environment the erp function reads (KINGDEE_URL ends in /k3cloud/, as a real installation's does). */
  env(): Record<string, string> {
    return {
      KINGDEE_URL: `${this.url}/k3cloud/`,
      KINGDEE_ACCTID: this.opts.acctId,
      KINGDEE_USERNAME: this.opts.username,
      KINGDEE_APPID: this.opts.appId,
      KINGDEE_APPSECRET: this.opts.appSecret,
      KINGDEE_LCID: '2052',
    };
  }

  async start(port = 0): Promise<string> {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify(fail(String(e))));
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

  // ---- base data and test controls ------------------------------------------------------------

  addBaseData(p: { materials?: string[]; customers?: string[]; stocks?: Array<{ number: string; org: string }> }): void {
    for (const m of p.materials ?? []) this.materials.add(m);
    for (const c of p.customers ?? []) this.customers.add(c);
    for (const s of p.stocks ?? []) this.stocks.set(s.number, s.org);
  }

  /** Every session is lost now (as after Kingdee's idle timeout or a server restart). */
  expireSessions(): void {
    this.sessions.clear();
  }

  /** Sessions are lost right before the next call of a service arrives (e.g. 'ExecuteBillQuery'): mid-run, as after Kingdee's idle timeout. */
  expireBefore(service: string): void {
    this.expireOn.add(lower(service));
  }

  /** The next `times` calls of a service (e.g. 'Save') are carried out, but their answer is lost on the way (the connection drops). */
  loseAnswer(service: string, times = 1): void {
    this.lose.set(lower(service), (this.lose.get(lower(service)) ?? 0) + times);
  }

  callsTo(service: string): RecordedKingdeeCall[] {
    return this.calls.filter((c) => lower(c.service) === lower(service));
  }

  saleOrders(billNo: string): Bill[] {
    return this.bills.SAL_SaleOrder.filter((b) => b.FBillNo === billNo);
  }

  /** A sales order Kingdee already holds, audited (npm start restores what the connector pushed before a restart: this fake keeps bills in memory). */
  holdSaleOrder(model: SaleOrderModel): void {
    if (this.bills.SAL_SaleOrder.some((b) => b.FBillNo === model.FBillNo)) return;
    const answer = this.save('SAL_SaleOrder', { Model: model });
    if (!answer.Result.ResponseStatus.IsSuccess) return;
    const bill = this.bills.SAL_SaleOrder.find((b) => b.FBillNo === model.FBillNo)!;
    bill.FDocumentStatus = 'C';
  }

  /** A receivable carried over at go-live (期初应收单), yuan. */
  openingReceivable(customer: string, amount: number): void {
    this.addBill('AR_receivable', 'AR', { 'FCUSTOMERID.FNumber': customer, FALLAMOUNTFOR: round2(amount) }, []);
  }

  /** The ERP's warehouse ships part of an audited sales order: an audited SAL_OUTSTOCK, its receivable, and the stock leaves. */
  ship(p: { orderNo: string; carrier: string; trackingNo: string; lines: Array<{ material: string; qty: number; stock: string }> }): { billNo: string } {
    const order = this.bills.SAL_SaleOrder.find((b) => b.FBillNo === p.orderNo);
    if (!order || order.FDocumentStatus !== 'C') throw new Error(`销售订单 ${p.orderNo} 不存在或未审核`);
    const price = (m: string) => Number(order.entries.find((e) => e['FMaterialId.FNumber'] === m)?.['FTaxPrice'] ?? NaN);
    const entries = p.lines.map((l) => {
      if (!Number.isFinite(price(l.material))) throw new Error(`销售订单 ${p.orderNo} 没有物料 ${l.material}`);
      if (!this.stocks.has(l.stock)) throw new Error(`仓库 ${l.stock} 不存在`);
      return {
        FSoorDerno: p.orderNo,
        'FMaterialID.FNumber': l.material,
        FRealQty: l.qty,
        'FStockID.FNumber': l.stock,
        FAllAmount: round2(price(l.material) * l.qty),
      };
    });
    const customer = order.head['FCustId.FNumber'] as string;
    const org = this.stocks.get(p.lines[0]!.stock)!;
    const bill = this.addBill(
      'SAL_OUTSTOCK',
      'XSCKD',
      { 'FCustomerID.FNumber': customer, 'FStockOrgId.FNumber': org, 'FCarrierID.FName': p.carrier, FCarriageNO: p.trackingNo },
      entries,
    );
    const total = round2(entries.reduce((n, e) => n + e.FAllAmount, 0));
    this.addBill('AR_receivable', 'AR', { 'FCUSTOMERID.FNumber': customer, FALLAMOUNTFOR: total }, []);
    for (const l of p.lines) {
      const row = this.inventory.get(`${l.material}@${l.stock}`);
      if (row) this.setStock({ material: l.material, stock: l.stock, qty: row.qty - l.qty });
    }
    return { billNo: bill.FBillNo };
  }

  /** A receipt (收款单) from a customer, yuan, audited. */
  receipt(p: { customer: string; amount: number; note?: string }): { billNo: string } {
    if (!this.customers.has(p.customer)) throw new Error(`客户 ${p.customer} 不存在`);
    const bill = this.addBill('AR_RECEIVEBILL', 'SKD', { 'FCONTACTUNIT.FNumber': p.customer, FREALRECAMOUNTFOR: round2(p.amount), FREMARK: p.note ?? '' }, []);
    return { billNo: bill.FBillNo };
  }

  /** Set a material's stock in a warehouse (盘点 or any movement): absolute, FUpdateTime moves on. */
  setStock(p: { material: string; stock: string; qty: number }): void {
    const key = `${p.material}@${p.stock}`;
    const row = this.inventory.get(key);
    const updated = Math.max(this.clock(), (row?.updated ?? 0) + 1000);
    this.inventory.set(key, { FID: row?.FID ?? ++this.seq, material: p.material, stock: p.stock, org: this.stocks.get(p.stock) ?? '100', qty: p.qty, updated });
  }

  private addBill(form: Form, prefix: string, head: Record<string, unknown>, entries: Array<Record<string, unknown>>, billNo?: string): Bill {
    const now = this.clock();
    const n = this.bills[form].length + 1;
    const bill: Bill = {
      FID: ++this.seq,
      FBillNo: billNo ?? `${prefix}${String(n).padStart(6, '0')}`,
      FDocumentStatus: 'C',
      FDate: now,
      FModifyDate: now,
      head,
      entries: entries.map((e) => ({ ...e, FEntryID: ++this.seq })),
    };
    this.bills[form].push(bill);
    return bill;
  }

  // ---- HTTP ------------------------------------------------------------------------------------

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
    let body: Record<string, unknown> = {};
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      return this.send(res, 200, fail('请求内容不是合法的 JSON'));
    }
    if (url.pathname.startsWith('/__fake/')) return this.admin(url.pathname.slice('/__fake/'.length), req.method ?? 'GET', body, res);
    const service = url.pathname.replace(/^\/k3cloud\//i, '');
    const key = Object.entries(KINGDEE_SERVICES).find(([, path]) => lower(path) === lower(service))?.[0];
    const cookie = /kdservice-sessionid=([^;]+)/.exec(req.headers.cookie ?? '')?.[1] ?? null;
    const name = key ?? service;
    if (key && this.expireOn.delete(lower(key))) this.expireSessions();
    const answer = this.answer(key, body, cookie, res);
    const ok = Array.isArray(answer)
      ? !(answer[0]?.[0] as KingdeeResult | undefined)?.Result
      : ((answer as KingdeeResult).Result?.ResponseStatus?.IsSuccess ?? (answer as { LoginResultType?: number }).LoginResultType === 1);
    this.calls.push({ service: name, body, cookie, ok, at: this.clock() });
    const shortName = name === 'executeBillQuery' ? 'ExecuteBillQuery' : name.charAt(0).toUpperCase() + name.slice(1);
    const pending = this.lose.get(lower(shortName)) ?? 0;
    if (pending > 0) {
      this.lose.set(lower(shortName), pending - 1);
      req.socket.destroy();
      return;
    }
    this.send(res, 200, answer);
  }

  private send(res: http.ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(code, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  }

  private answer(service: string | undefined, body: Record<string, unknown>, cookie: string | null, res: http.ServerResponse): unknown {
    if (service === 'loginByAppSecret' || service === 'validateUser') return this.login(service, body, res);
    if (!service) return fail('服务不存在');
    const live = cookie !== null && this.sessions.has(cookie) && this.clock() - this.sessions.get(cookie)! <= (this.opts.sessionTtlMs ?? 20 * 60_000);
    if (!live) {
      const lost = status(false, [{ FieldName: null, Message: SESSION_LOST_MESSAGE, DIndex: 0 }], [], SESSION_LOST_MSGCODE);
      return service === 'executeBillQuery' ? [[lost]] : lost;
    }
    this.sessions.set(cookie, this.clock());
    const data =
      typeof body['data'] === 'string' ? (JSON.parse(body['data']) as Record<string, unknown>) : ((body['data'] as Record<string, unknown> | undefined) ?? {});
    const formid = String(body['formid'] ?? '');
    if (service === 'executeBillQuery') return this.query(data);
    if (service === 'save') return this.save(formid, data);
    if (service === 'submit' || service === 'audit') return this.advance(formid, data, service === 'submit' ? 'A' : 'B', service === 'submit' ? 'B' : 'C');
    if (service === 'unAudit') return this.unAudit(formid, data);
    if (service === 'delete') return this.remove(formid, data);
    if (service === 'excuteOperation') return this.close(formid, String(body['opNumber'] ?? ''), data);
    return fail('服务不存在');
  }

  private login(service: 'loginByAppSecret' | 'validateUser', body: Record<string, unknown>, res: http.ServerResponse): unknown {
    const get = (k: string) => String(Object.entries(body).find(([key]) => lower(key) === k)?.[1] ?? '');
    const o = this.opts;
    const ok =
      get('acctid') === o.acctId &&
      get('username') === o.username &&
      (service === 'loginByAppSecret'
        ? get('appid') === o.appId && get('appsecret') === o.appSecret
        : o.password !== undefined && get('password') === o.password);
    if (!ok)
      return {
        LoginResultType: 0,
        Message: service === 'loginByAppSecret' ? '应用ID或应用密钥错误，登录失败' : '用户名或密码错误',
        KDSVCSessionId: null,
        IsSuccessByAPI: false,
        Context: null,
      };
    const id = crypto.randomBytes(16).toString('hex');
    this.sessions.set(id, this.clock());
    res.setHeader('set-cookie', `${KINGDEE_SESSION_COOKIE}=${id}; path=/; HttpOnly`);
    return {
      LoginResultType: 1,
      Message: null,
      KDSVCSessionId: id,
      IsSuccessByAPI: true,
      Context: { UserName: o.username, DBid: o.acctId, UserLocale: 'zh-CN' },
    };
  }

  private save(formid: string, data: Record<string, unknown>): KingdeeResult {
    if (formid !== 'SAL_SaleOrder') return fail(`业务对象 ${formid} 不支持保存（本模拟只接收销售订单）`);
    const m = data['Model'] as Record<string, unknown> | undefined;
    if (!m || typeof m !== 'object') return fail('Model 不能为空', 'Model');
    const ref = (v: unknown) => String((v as { FNumber?: unknown } | undefined)?.FNumber ?? '');
    const billNo = String(m['FBillNo'] ?? '');
    const errors: KingdeeError[] = [];
    if (billNo && this.bills.SAL_SaleOrder.some((b) => b.FBillNo === billNo))
      errors.push({ FieldName: 'FBillNo', Message: `单据编号“${billNo}”已经存在，不允许重复`, DIndex: 0 });
    if (!this.customers.has(ref(m['FCustId']))) errors.push({ FieldName: 'FCustId', Message: `客户“${ref(m['FCustId'])}”不存在或未审核`, DIndex: 0 });
    if (![...this.stocks.values()].includes(ref(m['FSaleOrgId'])))
      errors.push({ FieldName: 'FSaleOrgId', Message: `销售组织“${ref(m['FSaleOrgId'])}”不存在`, DIndex: 0 });
    const entries = Array.isArray(m['FSaleOrderEntry']) ? (m['FSaleOrderEntry'] as Array<Record<string, unknown>>) : [];
    if (entries.length === 0) errors.push({ FieldName: 'FSaleOrderEntry', Message: '订单明细不能为空', DIndex: 0 });
    entries.forEach((e, i) => {
      if (!this.materials.has(ref(e['FMaterialId'])))
        errors.push({ FieldName: 'FMaterialId', Message: `第${i + 1}行物料“${ref(e['FMaterialId'])}”不存在`, DIndex: 0 });
      if (!(Number(e['FQty']) > 0)) errors.push({ FieldName: 'FQty', Message: `第${i + 1}行销售数量必须大于 0`, DIndex: 0 });
    });
    if (errors.length > 0) return status(false, errors);
    const rows = entries.map((e) => ({
      'FMaterialId.FNumber': ref(e['FMaterialId']),
      FQty: Number(e['FQty']),
      FTaxPrice: Number(e['FTaxPrice'] ?? 0),
      FIsFree: e['FIsFree'] === true,
      FAllAmount: round2(Number(e['FTaxPrice'] ?? 0) * Number(e['FQty'])),
    }));
    const head = {
      'FCustId.FNumber': ref(m['FCustId']),
      'FSaleOrgId.FNumber': ref(m['FSaleOrgId']),
      FBillAllAmount: round2(rows.reduce((n, r) => n + r.FAllAmount, 0)),
      FNote: String(m['FNote'] ?? ''),
      FCloseStatus: 'A',
    };
    const bill = this.addBill('SAL_SaleOrder', 'XSDD', head, rows, billNo || undefined);
    bill.FDocumentStatus = 'A';
    return status(true, [], [{ Id: bill.FID, Number: bill.FBillNo, DIndex: 0 }]);
  }

  private advance(formid: string, data: Record<string, unknown>, from: KingdeeDocumentStatus, to: KingdeeDocumentStatus): KingdeeResult {
    return this.each(
      formid,
      data,
      (b) => (b.FDocumentStatus !== from ? `单据“${b.FBillNo}”的状态（${b.FDocumentStatus}）不允许此操作` : null),
      (b) => this.touch(b, { FDocumentStatus: to }),
    );
  }

  private touch(b: Bill, change: Partial<Pick<Bill, 'FDocumentStatus'>> & { FCloseStatus?: string }): void {
    if (change.FDocumentStatus) b.FDocumentStatus = change.FDocumentStatus;
    if (change.FCloseStatus) b.head['FCloseStatus'] = change.FCloseStatus;
    b.FModifyDate = this.clock();
  }

  /** The bills named by `Numbers`, each found or refused with why; `check` says why one may not be acted on. */
  private each(formid: string, data: Record<string, unknown>, check: (b: Bill) => string | null, act: (b: Bill) => void): KingdeeResult {
    const form = formid as Form;
    if (!this.bills[form]) return fail(`业务对象 ${formid} 不存在`);
    const numbers = Array.isArray(data['Numbers']) ? (data['Numbers'] as unknown[]).map(String) : [];
    if (numbers.length === 0) return fail('Numbers 和 Ids 不能同时为空');
    const errors: KingdeeError[] = [];
    const success: Array<{ Id: number; Number: string; DIndex: number }> = [];
    numbers.forEach((no, i) => {
      const bill = this.bills[form].find((b) => b.FBillNo === no);
      const why = bill ? check(bill) : `单据“${no}”不存在`;
      if (why || !bill) errors.push({ FieldName: null, Message: why ?? '', DIndex: i });
      else {
        act(bill);
        success.push({ Id: bill.FID, Number: no, DIndex: i });
      }
    });
    return status(errors.length === 0, errors, success);
  }

  /** UnAudit: only an audited bill (C → D), and a sales order only while no outbound delivery refers to it. */
  private unAudit(formid: string, data: Record<string, unknown>): KingdeeResult {
    const check = (b: Bill) =>
      b.FDocumentStatus !== 'C'
        ? `单据“${b.FBillNo}”的状态（${b.FDocumentStatus}）不允许反审核`
        : formid === 'SAL_SaleOrder' && this.hasDeliveries(b.FBillNo)
          ? `单据“${b.FBillNo}”已有下游单据（销售出库单），不允许反审核`
          : null;
    return this.each(formid, data, check, (b) => this.touch(b, { FDocumentStatus: 'D' }));
  }

  private hasDeliveries(orderNo: string): boolean {
    return this.bills.SAL_OUTSTOCK.some((o) => o.entries.some((e) => e['FSoorDerno'] === orderNo));
  }

  /** Delete: only a bill not audited (A / D / Z), and a sales order only while no outbound delivery refers to it. */
  private remove(formid: string, data: Record<string, unknown>): KingdeeResult {
    const form = formid as Form;
    const check = (b: Bill) => {
      if (!['A', 'D', 'Z'].includes(b.FDocumentStatus)) return `单据“${b.FBillNo}”的状态（${b.FDocumentStatus}）不允许删除，请先反审核`;
      return form === 'SAL_SaleOrder' && this.hasDeliveries(b.FBillNo) ? `单据“${b.FBillNo}”已有下游单据（销售出库单），不允许删除` : null;
    };
    return this.each(formid, data, check, (b) => void this.bills[form].splice(this.bills[form].indexOf(b), 1));
  }

  /** ExcuteOperation: only 整单关闭 of an audited sales order is known here. */
  private close(formid: string, opNumber: string, data: Record<string, unknown>): KingdeeResult {
    if (formid !== 'SAL_SaleOrder' || opNumber !== SALE_ORDER_CLOSE_OP) return fail(`业务对象 ${formid} 没有操作“${opNumber}”`);
    const check = (b: Bill) =>
      b.FDocumentStatus !== 'C' ? `单据“${b.FBillNo}”未审核，不允许关闭` : b.head['FCloseStatus'] === 'B' ? `单据“${b.FBillNo}”已经关闭` : null;
    return this.each(formid, data, check, (b) => this.touch(b, { FCloseStatus: 'B' }));
  }

  private query(data: Record<string, unknown>): unknown {
    const formId = String(data['FormId'] ?? '');
    const keys = String(data['FieldKeys'] ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean);
    if (!(formId in HEAD_FIELDS)) return [[fail(`业务对象“${formId}”不存在`)]];
    if (keys.length === 0) return [[fail('FieldKeys 不能为空')]];
    const head = HEAD_FIELDS[formId as Form].map(lower);
    const entry = formId === 'STK_Inventory' ? [] : ENTRY_FIELDS[formId as Form].map(lower);
    const unknown = keys.find((k) => !head.includes(lower(k)) && !entry.includes(lower(k)));
    if (unknown) return [[fail(`字段“${unknown}”在业务对象“${formId}”中不存在`)]];
    let rows = this.rows(
      formId,
      keys.some((k) => entry.includes(lower(k))),
    );
    const filter = String(data['FilterString'] ?? '').trim();
    if (filter) {
      const conds = parseFilter(filter);
      if (!conds) return [[fail(`过滤条件“${filter}”不正确`)]];
      rows = rows.filter((r) => conds.every((c) => matches(r, c)));
    }
    const order = String(data['OrderString'] ?? '').trim();
    if (order) {
      const parts = order.split(',').map((p) => p.trim().split(/\s+/));
      rows.sort((a, b) => {
        for (const [field, dir] of parts) {
          const c = compare(a[lower(field!)], b[lower(field!)]);
          if (c !== 0) return lower(dir ?? 'asc') === 'desc' ? -c : c;
        }
        return 0;
      });
    }
    const start = Math.max(0, Number(data['StartRow'] ?? 0) || 0);
    const top = Number(data['TopRowCount'] ?? 0) || 0;
    if (top > 0) rows = rows.slice(0, top);
    const limit = Math.min(Number(data['Limit'] ?? 0) || KINGDEE_QUERY_LIMIT, KINGDEE_QUERY_LIMIT);
    return rows.slice(start, start + limit).map((r) => keys.map((k) => out(lower(k), r[lower(k)])));
  }

  /** Flat rows of a form, field keys lower-cased, dates as ms. */
  private rows(formId: string, perEntry: boolean): Array<Record<string, unknown>> {
    if (formId === 'STK_Inventory') {
      return [...this.inventory.values()].map((r) => ({
        fid: r.FID,
        'fmaterialid.fnumber': r.material,
        'fstockid.fnumber': r.stock,
        'fstockorgid.fnumber': r.org,
        fbaseqty: r.qty,
        fupdatetime: r.updated,
      }));
    }
    const form = formId as Form;
    const entryKey = lower(ENTRY_FIELDS[form][0] ?? '');
    return this.bills[form].flatMap((b) => {
      const base: Record<string, unknown> = { fid: b.FID, fbillno: b.FBillNo, fdocumentstatus: b.FDocumentStatus, fdate: b.FDate, fmodifydate: b.FModifyDate };
      for (const [k, v] of Object.entries(b.head)) base[lower(k)] = v;
      if (!perEntry) return [base];
      return b.entries.map((e) => {
        const row: Record<string, unknown> = { ...base, [entryKey]: e.FEntryID };
        for (const [k, v] of Object.entries(e)) if (k !== 'FEntryID') row[lower(k)] = v;
        return row;
      });
    });
  }

  // ---- admin hook --------------------------------------------------------------------------------

  private admin(op: string, method: string, body: Record<string, unknown>, res: http.ServerResponse): void {
    try {
      if (method === 'GET' && op === 'state') {
        return this.send(res, 200, {
          saleOrders: this.bills.SAL_SaleOrder.map((b) => ({ billNo: b.FBillNo, status: b.FDocumentStatus, ...b.head, entries: b.entries })),
          outStocks: this.bills.SAL_OUTSTOCK.map((b) => ({ billNo: b.FBillNo, ...b.head, entries: b.entries })),
          receipts: this.bills.AR_RECEIVEBILL.map((b) => ({ billNo: b.FBillNo, ...b.head })),
        });
      }
      if (method !== 'POST') return this.send(res, 405, { error: 'POST only' });
      if (op === 'ship') return this.send(res, 200, this.ship(body as unknown as Parameters<FakeKingdee['ship']>[0]));
      if (op === 'receipt') return this.send(res, 200, this.receipt(body as unknown as Parameters<FakeKingdee['receipt']>[0]));
      if (op === 'stock') {
        this.setStock(body as unknown as Parameters<FakeKingdee['setStock']>[0]);
        return this.send(res, 200, {});
      }
      if (op === 'expire-sessions') {
        this.expireSessions();
        return this.send(res, 200, {});
      }
      return this.send(res, 404, { error: `unknown ${op}` });
    } catch (e) {
      return this.send(res, 400, { error: e instanceof Error ? e.message : String(e) });
    }
  }
}

interface Condition {
  field: string;
  op: string;
  value: string;
}

/** `A op 'v' and B op 'w' …` (the part of Kingdee's SQL-like FilterString this fake understands), or null. */
function parseFilter(text: string): Condition[] | null {
  const out: Condition[] = [];
  for (const part of text.split(/\s+and\s+/i)) {
    const m = /^\s*\(?\s*([\w.]+)\s*(>=|<=|<>|!=|=|>|<)\s*(?:'([^']*)'|(-?\d+(?:\.\d+)?))\s*\)?\s*$/.exec(part);
    if (!m) return null;
    out.push({ field: lower(m[1]!), op: m[2]!, value: m[3] ?? m[4]! });
  }
  return out;
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a ?? '').localeCompare(String(b ?? ''));
}

function matches(row: Record<string, unknown>, c: Condition): boolean {
  const v = row[c.field];
  const target = DATE_FIELDS.has(c.field) ? parseKingdeeTime(c.value) : typeof v === 'number' ? Number(c.value) : c.value;
  const d = compare(v, target);
  if (c.op === '=') return d === 0;
  if (c.op === '<>' || c.op === '!=') return d !== 0;
  if (c.op === '>') return d > 0;
  if (c.op === '>=') return d >= 0;
  if (c.op === '<') return d < 0;
  return d <= 0;
}

/** A value as Kingdee answers it: dates as wall-time text. */
function out(key: string, v: unknown): unknown {
  if (DATE_FIELDS.has(key) && typeof v === 'number') return kdDate(v);
  return v ?? null;
}

/** Demo credentials for `npm start` and the tests: they only ever reach this fake, never a real Kingdee. */
export const DEMO_KINGDEE = {
  acctId: '6512a3f0c2b8e1',
  username: 'channel-hub',
  appId: '292415_demoLocalApp',
  appSecret: 'local-demo-kingdee-secret-5f2c',
} as const;
