import { z } from 'zod';
import { action } from '../contract';
import type { Returnable, ReturnCommandType, ReturnPolicy, ReturnRequest } from '../returns';
import { MAX_PHOTOS, RETURN_STATUSES, RETURN_WINDOW_MAX_DAYS } from '../returns';

const id = z.string().min(1).max(80);
const requestId = z.string().min(1).max(120);
const reason = z.string().trim().min(2).max(200);

/** A return request as the pages show it: the stored request and the commands the caller may issue on it now. */
export type ReturnView = ReturnRequest & {
  commands: ReturnCommandType[];
  /** get only, when the caller may receive: the warehouses to receive into, the order's shipping warehouse first. */
  receiveInto?: Array<{ id: string; name: string }>;
};

/** What an order can still send back, and until when. */
export interface ReturnableView {
  orderId: string;
  orderNo: string;
  /** Epoch ms, the end of the return window (null: not delivered yet). */
  deadline: number | null;
  windowDays: number;
  /** False when the order is not delivered or the window has passed. */
  open: boolean;
  lines: Returnable[];
}

export const aftersales = {
  /** What the caller's delivered order may still return (delivered − returned − held by open requests) and the window's end. */
  returnable: action<ReturnableView>()(z.strictObject({ orderId: id }), { orderId: 'order-000001' }),
  /**
   * Ask for a return (the order's dealer): lines and quantities, a reason, up to 9 photos (cloud file
   * ids from the upload). Idempotent on clientRequestId: the same request again answers the request made.
   */
  request: action<ReturnView>()(
    z.strictObject({
      orderId: id,
      clientRequestId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, { message: '退货申请编号须为 16–64 位字母、数字、- 或 _' }),
      lines: z
        .array(z.strictObject({ sku: z.string().min(1).max(64), qty: z.number().int().min(1).max(1_000_000) }))
        .min(1)
        .max(200),
      reason,
      photos: z.array(z.string().min(1).max(512)).max(MAX_PHOTOS).default([]),
    }),
    { orderId: 'order-000001', clientRequestId: 'rr-example-0000000001', lines: [{ sku: 'sku-0001', qty: 12 }], reason: '外箱破损', photos: [] },
  ),
  /** Requests the caller may see (dealer: its own; manager: its regions; admin: all), newest first; optionally one status or one order. */
  list: action<{ items: ReturnView[] }>()(
    z.strictObject({ status: z.enum(RETURN_STATUSES).optional(), orderId: id.optional(), limit: z.number().int().min(1).max(100).optional() }),
    { status: 'requested' },
  ),
  /** One request with its lines and timeline. */
  get: action<ReturnView>()(z.strictObject({ requestId }), { requestId: 'rr-dealer-001-example' }),
  /** Approve a request (the manager of the dealer's region, admin, console). */
  approve: action<ReturnView>()(z.strictObject({ requestId, reason: z.string().trim().max(200).optional() }), { requestId: 'rr-dealer-001-example' }),
  /** Reject a request with a reason: its units may be requested again. */
  reject: action<ReturnView>()(z.strictObject({ requestId, reason }), { requestId: 'rr-dealer-001-example', reason: '不在退货范围内' }),
  /** The dealer takes back a request not yet shipped back; its units may be asked for again. */
  withdraw: action<ReturnView>()(z.strictObject({ requestId }), { requestId: 'rr-dealer-001-example' }),
  /** The dealer sent the goods back: carrier and tracking number. */
  shipBack: action<ReturnView>()(z.strictObject({ requestId, carrier: z.string().trim().min(1).max(40), trackingNo: z.string().trim().min(1).max(40) }), {
    requestId: 'rr-dealer-001-example',
    carrier: '顺丰速运',
    trackingNo: 'SF1234567890',
  }),
  /**
   * The warehouse received the goods (admin, console): per line how many go back on hand and how many
   * are scrapped. The request is credited in the same transaction: receivable, statement, rebate, stock.
   */
  receive: action<ReturnView>()(
    z.strictObject({
      requestId,
      warehouseId: z.string().min(1).max(64),
      lines: z
        .array(
          z.strictObject({
            sku: z.string().min(1).max(64),
            restockQty: z.number().int().min(0).max(1_000_000),
            scrapQty: z.number().int().min(0).max(1_000_000),
          }),
        )
        .min(1)
        .max(200),
    }),
    { requestId: 'rr-dealer-001-example', warehouseId: 'wh-east', lines: [{ sku: 'sku-0001', restockQty: 10, scrapQty: 2 }] },
  ),
  /** The brand's after-sales settings (anyone signed in: the apply page shows the window). */
  settings: action<ReturnPolicy>()(z.strictObject({})),
  /** Change the return window (admin, console): days after delivery a return may be requested. */
  setSettings: action<ReturnPolicy>()(z.strictObject({ returnWindowDays: z.number().int().min(1).max(RETURN_WINDOW_MAX_DAYS) }), { returnWindowDays: 15 }),
};
