import { z } from 'zod';
import type { DealerLevel, RegionCode } from '../dealer';
import { DEALER_LEVELS, REGIONS } from '../dealer';
import type { PartnerScope } from './types';

/**
 * The open API's operations: method, path, the scope a key needs, and zod schemas for the query,
 * the body and the answer. The openapi function routes by this table (its handler map is typed
 * by these ids, so a documented operation without a handler does not compile) and the OpenAPI 3.1
 * document is generated from it (shared/openapi/document.ts), so the two cannot drift apart.
 */

const id = (what: string) =>
  z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_.:-]+$/, `${what}只能含字母、数字和 _ . : -`);
const fen = z.number().int().positive().max(10_000_000_000).describe('金额，单位：分');

export const orderLineView = z.object({
  sku: z.string(),
  name: z.string(),
  kind: z.enum(['item', 'gift']),
  qty: z.number().int().describe('订购数量（基本单位）'),
  shippedQty: z.number().int().describe('已发数量（基本单位）'),
  unitPrice: z.number().int().describe('单价，分'),
  payable: z.number().int().describe('应付，分'),
});

export const shipmentView = z.object({
  no: z.number().int(),
  warehouseId: z.string(),
  carrier: z.string(),
  trackingNo: z.string(),
  lines: z.array(z.object({ sku: z.string(), qty: z.number().int() })),
  amount: z.number().int().describe('本次发货转为应收的金额，分'),
  at: z.number().int().describe('发货时间，毫秒时间戳'),
});

export const orderView = z.object({
  id: z.string(),
  orderNo: z.string(),
  dealerId: z.string(),
  status: z.string().describe('submitted / pending_approval / approved / partially_shipped / shipped / delivered / completed / rejected / cancelled'),
  lines: z.array(orderLineView),
  payable: z.number().int().describe('订单应付，分'),
  shipments: z.array(shipmentView),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type OrderView = z.infer<typeof orderView>;

export const ordersQuery = z.strictObject({
  since: z.string().max(200).optional().describe('上一页返回的 nextCursor；不填则从头开始'),
  limit: z.coerce.number().int().min(1).max(200).optional().describe('每页条数，默认 50'),
});

export const ordersPage = z.object({
  orders: z.array(orderView),
  nextCursor: z.string().describe('下一次请求的 since：按更新时间顺序，读到的最后一条之后'),
});

export const orderPath = z.strictObject({ orderId: id('订单编号') });

export const shipmentBody = z.strictObject({
  shipmentId: id('发货单号').describe('合作方系统中的发货单号：同一单号重复提交只发一次货'),
  carrier: z.string().trim().min(1).max(40),
  trackingNo: z.string().trim().min(1).max(64),
  warehouseId: id('仓库编号'),
  lines: z
    .array(z.strictObject({ sku: id('SKU'), qty: z.number().int().positive().max(10_000_000) }))
    .min(1)
    .max(200),
});

export const shipmentResult = z.object({
  order: orderView,
  duplicate: z.boolean().describe('true：此发货单号此前已生效，本次未再发货'),
});

export const paymentBody = z.strictObject({
  paymentRef: id('回款单号').max(30).describe('合作方系统中的回款单号：同一单号重复提交只记一次'),
  dealerId: id('经销商编号'),
  amount: fen,
  at: z.number().int().positive().describe('到账时间，毫秒时间戳'),
  method: z.enum(['银行转账', '承兑汇票', '现金', '微信支付', '其他']),
  note: z.string().max(200).default(''),
});

export const paymentResult = z.object({
  paymentId: z.string(),
  duplicate: z.boolean().describe('true：此回款单号此前已记过，本次未再记'),
  receivable: z.number().int().describe('记账后该经销商的应收余额，分（负数为预付款）'),
});

export const stockLevelBody = z.strictObject({
  sku: id('SKU'),
  warehouseId: id('仓库编号'),
  onHand: z.number().int().min(0).max(10_000_000).describe('在库数量（基本单位），绝对值'),
  version: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).describe('库存版本号（如 ERP 的修改时间戳）：不大于已生效版本的消息不会覆盖较新的库存'),
});

export const stockLevelResult = z.object({
  applied: z.boolean().describe('false：已有同版本或更新的库存，本次未改'),
  onHand: z.number().int(),
  reserved: z.number().int().describe('未发订单已占用的数量'),
  shortBy: z.number().int().describe('在库低于已占用的差额，待品牌方处理'),
});

export const productsQuery = z.strictObject({
  after: z.string().max(64).optional().describe('上一页返回的 next；不填则从头开始'),
  limit: z.coerce.number().int().min(1).max(200).optional().describe('每页条数，默认 100'),
});

export const productView = z.object({
  sku: z.string(),
  name: z.string(),
  categoryId: z.string(),
  spec: z.string(),
  listPrice: z.number().int().describe('目录价（每基本单位），分'),
  baseUnit: z.string(),
  moq: z.number().int().describe('起订量（基本单位）'),
  multiple: z.number().int().describe('订购倍数（基本单位）'),
  status: z.enum(['on_sale', 'off_sale']),
  visibility: z.object({ levels: z.array(z.string()), regions: z.array(z.string()), dealerIds: z.array(z.string()) }).describe('均为空：所有经销商可见'),
});

export const productsPage = z.object({ products: z.array(productView), next: z.string().nullable().describe('下一页的 after；null 为已读完') });

export const dealerPath = z.strictObject({ dealerId: id('经销商编号') });

export const creditBody = z.strictObject({
  creditLimit: z.number().int().min(0).max(1e12).describe('信用额度，分'),
  paymentTermDays: z.number().int().min(0).max(365).describe('账期，天'),
  reason: z.string().trim().min(1).max(200).describe('调整原因（写入审计）'),
});

export const creditResult = z.object({
  dealerId: z.string(),
  creditLimit: z.number().int(),
  paymentTermDays: z.number().int(),
  receivable: z.number().int().describe('应收余额，分'),
  headroom: z.number().int().describe('可用额度 = 额度 − 应收 − 在途占用，分'),
  changed: z.boolean().describe('false：额度与账期已是这两个值，未再改'),
});

export const receivableView = z.object({
  dealerId: z.string(),
  asOf: z.number().int().describe('计算时刻，毫秒时间戳'),
  receivable: z.number().int().describe('应收余额，分（即对账单当月期末余额；负数为预付款）'),
  termDays: z.number().int().describe('账期，天：每笔发货自签收起算'),
  buckets: z
    .object({ notDue: z.number().int(), days1to30: z.number().int(), days31to60: z.number().int(), days61to90: z.number().int(), over90: z.number().int() })
    .describe('账龄：未到期、逾期 1–30 / 31–60 / 61–90 / 90 天以上，分（回款先冲最早的发货）'),
  unmatched: z.number().int().describe('早于所有发货记录的应收（期初余额），分'),
  overdueAmount: z.number().int().describe('已逾期合计，分'),
  overdueDays: z.number().int().describe('最早一笔逾期的天数（无逾期为 0）'),
  oldestOverdueOrderNo: z.string().nullable(),
  creditLimit: z.number().int().describe('信用额度，分'),
  headroom: z.number().int().describe('可用额度 = 额度 − 应收 − 在途占用，分'),
});

export const skuPath = z.strictObject({ sku: id('SKU') });

export const productTermsBody = z
  .strictObject({
    listPrice: z.number().int().min(0).max(100_000_000).optional().describe('目录价（每基本单位），分'),
    status: z.enum(['on_sale', 'off_sale']).optional(),
    visibility: z
      .strictObject({
        levels: z.array(z.enum(Object.keys(DEALER_LEVELS) as [DealerLevel, ...DealerLevel[]])).max(10),
        regions: z.array(z.enum(Object.keys(REGIONS) as [RegionCode, ...RegionCode[]])).max(20),
        dealerIds: z.array(id('经销商编号')).max(500),
      })
      .optional()
      .describe('可见范围：按经销商级别、大区、经销商；均为空为所有经销商可见'),
    version: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).describe('版本号（如 ERP 的修改时间戳）：不大于已生效版本的消息不会覆盖较新的价格与可见范围'),
    reason: z.string().trim().min(1).max(200).describe('调整原因（写入审计）'),
  })
  .refine((b) => b.listPrice !== undefined || b.status !== undefined || b.visibility !== undefined, '至少要改 listPrice、status、visibility 之一');

export const productTermsResult = z.object({
  applied: z.boolean().describe('false：已有同版本或更新的版本，本次未改'),
  product: productView,
  version: z.number().int().describe('已生效的版本号'),
});

export const errorBody = z.object({
  error: z.object({
    code: z
      .string()
      .describe(
        'UNSIGNED / BAD_SIGNATURE / STALE / REPLAYED / OUT_OF_SCOPE / RATE_LIMITED / INVALID_INPUT / NOT_FOUND / CONFLICT / IDEMPOTENCY_KEY_REUSED / IDEMPOTENCY_IN_PROGRESS / INTERNAL',
      ),
    message: z.string(),
  }),
});

export interface OperationDef {
  method: 'GET' | 'POST';
  /** Under the API's base (`/openapi`), path parameters as {name}. */
  path: string;
  scope: PartnerScope;
  summary: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType;
}

export const OPERATIONS = {
  listOrders: {
    method: 'GET',
    path: '/v1/orders',
    scope: 'orders:read',
    summary: '按更新时间顺序读取订单（游标分页）',
    query: ordersQuery,
    response: ordersPage,
  },
  getOrder: { method: 'GET', path: '/v1/orders/{orderId}', scope: 'orders:read', summary: '读取一个订单', params: orderPath, response: orderView },
  createShipment: {
    method: 'POST',
    path: '/v1/orders/{orderId}/shipments',
    scope: 'shipments:write',
    summary: '回传发货（可部分发货），按订单状态机推进；按 shipmentId 幂等',
    params: orderPath,
    body: shipmentBody,
    response: shipmentResult,
  },
  recordPayment: {
    method: 'POST',
    path: '/v1/payments',
    scope: 'payments:write',
    summary: '回传回款：冲减应收、释放信用额度；按 paymentRef 幂等',
    body: paymentBody,
    response: paymentResult,
  },
  setStockLevel: {
    method: 'POST',
    path: '/v1/stock-levels',
    scope: 'stock:write',
    summary: '回传某仓某 SKU 的在库数量（绝对值，带版本号）；旧版本不覆盖新版本',
    body: stockLevelBody,
    response: stockLevelResult,
  },
  listProducts: {
    method: 'GET',
    path: '/v1/products',
    scope: 'catalog:read',
    summary: '读取商品、目录价与可见范围（按 SKU 分页）',
    query: productsQuery,
    response: productsPage,
  },
  setCredit: {
    method: 'POST',
    path: '/v1/dealers/{dealerId}/credit',
    scope: 'credit:write',
    summary: '设置经销商信用额度与账期（绝对值，审计）；与现值相同则不变',
    params: dealerPath,
    body: creditBody,
    response: creditResult,
  },
  getReceivable: {
    method: 'GET',
    path: '/v1/dealers/{dealerId}/receivable',
    scope: 'receivables:read',
    summary: '读取经销商应收余额与账龄（与对账单同源）',
    params: dealerPath,
    response: receivableView,
  },
  setProductTerms: {
    method: 'POST',
    path: '/v1/products/{sku}/terms',
    scope: 'catalog:write',
    summary: '设置商品目录价、上下架与可见范围（带版本号，审计）；旧版本不覆盖新版本',
    params: skuPath,
    body: productTermsBody,
    response: productTermsResult,
  },
} as const satisfies Record<string, OperationDef>;

export type OperationId = keyof typeof OPERATIONS;
