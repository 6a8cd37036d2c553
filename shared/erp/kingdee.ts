/**
 * Kingdee 金蝶云星空 (K/3 Cloud) WebAPI as this system uses it: the service paths, form ids, field
 * keys and answer shapes, and the conversions at its edge (Shanghai wall time, yuan ↔ fen). Pure:
 * the connector (cloudfunctions/erp) and the fake server (mocks/kingdee) both read it, so they speak
 * the same documented shapes.
 *
 * Documentation followed:
 * - the WebAPI services (ValidateUser, Save, Submit, Audit, ExecuteBillQuery…), called without the
 *   client component by POSTing JSON to `<service>.common.kdsvc`:
 *   https://vip.kingdee.com/knowledge/528587883691785472 (官方原始的报文和地址结构说明) and
 *   https://blog.csdn.net/weixin_33860722/article/details/89584134 (K/3 Cloud Web API 接口说明)
 * - Save `{ formid, data: { Model, NeedReturnFields, IsDeleteEntry, ValidateFlag… } }` and its
 *   `Result.ResponseStatus { IsSuccess, Errors[{ FieldName, Message, DIndex }], SuccessEntitys[{ Id, Number, DIndex }], MsgCode }`:
 *   https://vip.kingdee.com/article/498432823951363072 (金蝶云星空WebApi详解系列(一)保存)
 * - ExecuteBillQuery `{ data: { FormId, FieldKeys, FilterString, OrderString, TopRowCount, StartRow, Limit } }`
 *   answering an array of rows, each an array of the FieldKeys' values (Limit at most 2,000), or a
 *   failed Result wrapped as `[[{ Result }]]`: https://vip.kingdee.com/article/111098350287473408 (WebApi查询接口)
 * - LoginByAppSecret `{ acctid, username, appid, appsecret, lcid }` (第三方系统登录授权), answering
 *   `{ LoginResultType: 1, KDSVCSessionId, … }` and the session cookie `kdservice-sessionid`;
 *   a lost session answers MsgCode 1 "会话信息已丢失，请重新登录" (the client logs in again):
 *   https://rubydoc.info/gems/k3cloud-sdk/0.4.4/K3cloud/Configuration and the Go client
 *   github.com/yrzs/k3cloud (kernel/browser.go), which re-login on exactly that answer.
 * - Taking back a cancelled order: UnAudit (反审核) and Delete (删除) take `{ formid, data: { Numbers, Ids } }`
 *   like Submit and Audit (service paths as in github.com/yrzs/k3cloud kernel/api_path.go and the
 *   WebAPI 接口说明 above); 整单关闭 of a sales order is the ExcuteOperation service with
 *   `{ formid, opNumber: 'YLBillClose', data: { Numbers, Ids } }` (反关闭 YLUnBillClose, 作废 Cancel):
 *   https://vip.kingdee.com/article/178658 (如何实现销售订单的作废、整单关闭、反关闭). Kingdee deletes
 *   only a bill not audited (创建 A / 重新审核 D / 暂存 Z) without downstream bills; a closed sales
 *   order reads FCloseStatus 'B'.
 */
import { formatShanghai, SHANGHAI_OFFSET_MS } from '../time';

const STUB = 'Kingdee.BOS.WebApi.ServicesStub';
/** Service paths, relative to the K3Cloud base URL (which ends in /k3cloud/). */
export const KINGDEE_SERVICES = {
  validateUser: `${STUB}.AuthService.ValidateUser.common.kdsvc`,
  loginByAppSecret: `${STUB}.AuthService.LoginByAppSecret.common.kdsvc`,
  save: `${STUB}.DynamicFormService.Save.common.kdsvc`,
  submit: `${STUB}.DynamicFormService.Submit.common.kdsvc`,
  audit: `${STUB}.DynamicFormService.Audit.common.kdsvc`,
  unAudit: `${STUB}.DynamicFormService.UnAudit.common.kdsvc`,
  delete: `${STUB}.DynamicFormService.Delete.common.kdsvc`,
  excuteOperation: `${STUB}.DynamicFormService.ExcuteOperation.common.kdsvc`,
  executeBillQuery: `${STUB}.DynamicFormService.ExecuteBillQuery.common.kdsvc`,
} as const;

/** The session cookie the login sets and every later call sends. */
export const KINGDEE_SESSION_COOKIE = 'kdservice-sessionid';

/** Business objects (表单 FormId): 销售订单, 销售出库单, 收款单, 即时库存. */
export const KINGDEE_FORMS = {
  saleOrder: 'SAL_SaleOrder',
  outStock: 'SAL_OUTSTOCK',
  receiveBill: 'AR_RECEIVEBILL',
  inventory: 'STK_Inventory',
  /** 应收单: what a customer owes, bill by bill (the receivable reconciliation reads it with the receipts). */
  receivable: 'AR_receivable',
} as const;

/** FDocumentStatus: A 创建, B 审核中 (submitted), C 已审核, D 重新审核, Z 暂存. */
export type KingdeeDocumentStatus = 'A' | 'B' | 'C' | 'D' | 'Z';

/** ExcuteOperation's opNumber for 整单关闭 of a sales order (https://vip.kingdee.com/article/178658). */
export const SALE_ORDER_CLOSE_OP = 'YLBillClose';

/** The default lcid (语系): 2052 简体中文. */
export const KINGDEE_LCID = 2052;

/** At most this many rows per ExecuteBillQuery (the documented cap of Limit). */
export const KINGDEE_QUERY_LIMIT = 2000;

/** The message and MsgCode Kingdee answers when the session expired or was never made. */
export const SESSION_LOST_MESSAGE = '会话信息已丢失，请重新登录';
export const SESSION_LOST_MSGCODE = 1;

export interface KingdeeError {
  FieldName: string | null;
  Message: string;
  DIndex: number;
}

export interface KingdeeResponseStatus {
  ErrorCode?: number;
  IsSuccess: boolean;
  Errors: KingdeeError[];
  SuccessEntitys: Array<{ Id: number | string; Number: string; DIndex: number }>;
  SuccessMessages: unknown[];
  MsgCode: number;
}

export interface KingdeeResult {
  Result: { ResponseStatus: KingdeeResponseStatus; Id?: number | string; Number?: string; NeedReturnData?: unknown[] };
}

export interface KingdeeLoginResult {
  LoginResultType: number;
  Message: string | null;
  KDSVCSessionId: string | null;
  IsSuccessByAPI: boolean;
  Context?: Record<string, unknown> | null;
}

/** A base-data reference as Save takes it: `{ FNumber: '…' }`. */
export type KingdeeRef = { FNumber: string };

/** Sales order entry (FSaleOrderEntry) as Save takes it. */
export interface SaleOrderEntryModel {
  FMaterialId: KingdeeRef;
  /** 销售数量, base units (件). */
  FQty: number;
  /** 含税单价, yuan. */
  FTaxPrice: number;
  /** 是否赠品. */
  FIsFree: boolean;
  FStockOrgId: KingdeeRef;
  FEntryNote: string;
}

/** The sales order Model this system saves: FBillNo is our order number, so a retry finds it. */
export interface SaleOrderModel {
  FBillNo: string;
  FBillTypeID: KingdeeRef;
  FDate: string;
  FSaleOrgId: KingdeeRef;
  FCustId: KingdeeRef;
  FNote: string;
  FSaleOrderFinance: { FSettleCurrId: KingdeeRef; FIsIncludedTax: boolean };
  FSaleOrderEntry: SaleOrderEntryModel[];
}

/** 标准销售订单 bill type, 人民币 settlement currency: Kingdee's preset numbers. */
export const SALE_ORDER_BILL_TYPE = 'XSDD01_SYS';
export const CURRENCY_CNY = 'PRE001';

/** Field keys queried per feed (ExecuteBillQuery answers the values in this order). */
export const QUERY_FIELDS = {
  saleOrder: ['FID', 'FBillNo', 'FDocumentStatus', 'FCustId.FNumber', 'FBillAllAmount', 'FCloseStatus'],
  receivable: ['FID', 'FBillNo', 'FCUSTOMERID.FNumber', 'FALLAMOUNTFOR'],
  outStock: [
    'FID',
    'FBillNo',
    'FModifyDate',
    'FCarrierID.FName',
    'FCarriageNO',
    'FCustomerID.FNumber',
    'FEntity_FEntryID',
    'FSoorDerno',
    'FMaterialID.FNumber',
    'FRealQty',
    'FStockID.FNumber',
  ],
  receiveBill: ['FID', 'FBillNo', 'FModifyDate', 'FDate', 'FCONTACTUNIT.FNumber', 'FREALRECAMOUNTFOR', 'FREMARK'],
  inventory: ['FID', 'FMaterialId.FNumber', 'FStockId.FNumber', 'FStockOrgId.FNumber', 'FBaseQty', 'FUpdateTime'],
} as const;

/** An instant as Kingdee's filters take it: Shanghai wall time 'YYYY-MM-DD HH:mm:ss'. */
export function kingdeeTime(ms: number): string {
  return formatShanghai(ms);
}

/** Kingdee's answer of a date field ('YYYY-MM-DDTHH:mm:ss[.fff]' or with a space), Shanghai wall time, as epoch ms; NaN when unreadable. */
export function parseKingdeeTime(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?)?$/.exec(text.trim());
  if (!m) return NaN;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0'] = m;
  const ms = Number(frac.padEnd(3, '0'));
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms) - SHANGHAI_OFFSET_MS;
}

/** Fen as the yuan amount Kingdee's price and amount fields take (exact: fen are integers). */
export function fenToYuan(fen: number): number {
  return fen / 100;
}

/**
 * A yuan amount from Kingdee (number or decimal string) as integer fen, half up at the third
 * decimal (Kingdee keeps amounts to 2 decimals; a price field may have more). Null when it is not a
 * finite amount. Parsed from the decimal text, so 0.29 is 29 fen, not 28.999….
 */
export function yuanToFen(value: unknown): number | null {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : typeof value === 'string' ? value.trim() : '';
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return null;
  const [, sign, whole, frac = ''] = m;
  const cents = Number(whole) * 100 + Number(frac.slice(0, 2).padEnd(2, '0'));
  const up = frac.length > 2 && Number(frac[2]) >= 5 ? 1 : 0;
  const fen = cents + up;
  return sign === '-' ? -fen : fen;
}

/** Whether a failed answer means the session is gone (log in again and repeat the call once). */
export function isSessionLost(status: Pick<KingdeeResponseStatus, 'MsgCode' | 'Errors'> | undefined): boolean {
  if (!status) return false;
  return status.MsgCode === SESSION_LOST_MSGCODE || status.Errors.some((e) => e.Message === SESSION_LOST_MESSAGE);
}

/** The messages of a failed answer, one line. */
export function errorText(status: KingdeeResponseStatus): string {
  const text = status.Errors.map((e) => (e.FieldName ? `${e.FieldName}：${e.Message}` : e.Message)).join('；');
  return text || `金蝶返回失败（ErrorCode ${status.ErrorCode ?? '?'}）`;
}
