/**
 * The order actions' inputs, as the orders cloud function validates them (strict: unknown
 * fields, and any price, are refused — the server prices every order). Each schema's inferred
 * type is exported beside it. Identity, role and dealer never come from these payloads.
 */
import { z } from 'zod';
import { fenSchema } from '../money';
import { cartLineSchema } from '../pricing/schemas';
import { REASON_MAX, REASON_MIN } from './state-machine';

const idSchema = z.string().min(1).max(64);

/**
 * The client's idempotency key: the mini-program makes one per checkout and sends it on every
 * retry, so a double tap or a retry on a weak network makes one order. A UUID (36 chars) or
 * any 16–64 URL-safe characters (A–Z a–z 0–9 - _).
 */
export const clientOrderIdSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, { message: '订单提交编号须为 16–64 位字母、数字、- 或 _' });

/** Mainland China mobile number: 11 digits starting 13–19. */
export const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

export const addressSchema = z.strictObject({
  name: z.string().trim().min(1).max(20),
  mobile: z.string().regex(MAINLAND_MOBILE, { message: '请填写 11 位大陆手机号' }),
  province: z.string().trim().min(1).max(20),
  city: z.string().trim().min(1).max(20),
  district: z.string().trim().min(1).max(20),
  detail: z.string().trim().min(1).max(120),
});
export type Address = z.output<typeof addressSchema>;

const reasonSchema = z
  .string()
  .trim()
  .min(REASON_MIN, { message: `原因至少 ${REASON_MIN} 个字` })
  .max(REASON_MAX, { message: `原因最多 ${REASON_MAX} 个字` });

/**
 * Submit an order. Lines as in the cart (quantity in `unit`, the base unit when absent), 1–200,
 * no SKU twice in the same unit. (The pricing engine further refuses one SKU in two units with
 * DUPLICATE_SKU, telling the buyer to merge the lines.)
 */
export const submitOrderInputSchema = z.strictObject({
  clientOrderId: clientOrderIdSchema,
  lines: z
    .array(cartLineSchema)
    .min(1)
    .max(200)
    .superRefine((lines, ctx) => {
      const seen = new Map<string, number>();
      lines.forEach((l, i) => {
        const key = `${l.sku}\u0000${l.unit ?? ''}`;
        const first = seen.get(key);
        if (first === undefined) seen.set(key, i);
        else ctx.addIssue({ code: 'custom', path: [i], message: `第 ${i + 1} 行与第 ${first + 1} 行是同一商品同一单位，请合并为一行` });
      });
    }),
  address: addressSchema,
  remark: z.string().max(200).default(''),
  /** Rebate balance to spend, fen; capped at what is payable by pricing. */
  rebateToUse: fenSchema.default(0),
});
export type SubmitOrderInput = z.input<typeof submitOrderInputSchema>;
export type SubmitOrder = z.output<typeof submitOrderInputSchema>;

export const approveOrderInputSchema = z.strictObject({
  orderId: idSchema,
  /** Optional approval note. */
  reason: z.string().trim().max(REASON_MAX).optional(),
});
export type ApproveOrderInput = z.input<typeof approveOrderInputSchema>;

export const rejectOrderInputSchema = z.strictObject({ orderId: idSchema, reason: reasonSchema });
export type RejectOrderInput = z.input<typeof rejectOrderInputSchema>;

export const shipOrderInputSchema = z.strictObject({
  orderId: idSchema,
  /** Left out: the warehouse holding the lines' reserved stock (refused when they sit in several). */
  warehouseId: idSchema.optional(),
  carrier: z.string().trim().min(1).max(40),
  trackingNo: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{4,40}$/, { message: '运单号须为 4–40 位字母、数字或 -' }),
  lines: z
    .array(z.strictObject({ sku: z.string().min(1).max(64), qty: z.number().int().min(1).max(1_000_000) }))
    .min(1)
    .max(200)
    .refine((lines) => new Set(lines.map((l) => l.sku)).size === lines.length, { message: '同一商品请合并为一行' }),
});
export type ShipOrderInput = z.input<typeof shipOrderInputSchema>;

export const cancelOrderInputSchema = z.strictObject({ orderId: idSchema, reason: reasonSchema });
export type CancelOrderInput = z.input<typeof cancelOrderInputSchema>;

export const confirmReceiptInputSchema = z.strictObject({ orderId: idSchema });
export type ConfirmReceiptInput = z.input<typeof confirmReceiptInputSchema>;

/** 'YYYY-MM' of a statement. */
export const statementMonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份格式为 YYYY-MM' });

/** Valid examples (docs, fuzz suite). */
export const ORDER_INPUT_EXAMPLES = {
  submit: {
    clientOrderId: '3f1c9a1e-8d4b-4c1a-9b7e-2a5d6c7e8f90',
    lines: [
      { sku: 'TEA-LJ-250', qty: 2, unit: '箱' },
      { sku: 'CUP-GLASS-01', qty: 10 },
    ],
    address: { name: '王磊', mobile: '13800138000', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 100 号 2 楼' },
    remark: '工作日送货',
    rebateToUse: 0,
  },
  approve: { orderId: 'order-001' },
  reject: { orderId: 'order-001', reason: '折扣超出授权范围，请调整后重新下单' },
  ship: { orderId: 'order-001', carrier: '顺丰速运', trackingNo: 'SF1234567890', lines: [{ sku: 'TEA-LJ-250', qty: 24 }] },
  cancel: { orderId: 'order-001', reason: '下错单了' },
  confirmReceipt: { orderId: 'order-001' },
} satisfies {
  submit: SubmitOrderInput;
  approve: ApproveOrderInput;
  reject: RejectOrderInput;
  ship: ShipOrderInput;
  cancel: CancelOrderInput;
  confirmReceipt: ConfirmReceiptInput;
};
