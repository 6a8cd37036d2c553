/**
 * A return request (退货申请) as its state machine sees it. Money is integer fen, quantities base
 * units (件), times epoch ms. The stored document (`return_requests`, _id = the request id) is this
 * without `id`.
 */
import type { ActorRole } from '../orders/types';

export const RETURN_STATUSES = ['requested', 'approved', 'rejected', 'withdrawn', 'shipped_back', 'received', 'credited'] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

/** States where the request still holds its quantities against the order (a new request cannot take them). */
export const OPEN_RETURN_STATUSES: readonly ReturnStatus[] = ['requested', 'approved', 'shipped_back', 'received'];

export const RETURN_STATUS_LABELS: Record<ReturnStatus, string> = {
  requested: '待审批',
  approved: '待寄回',
  rejected: '已驳回',
  withdrawn: '已撤回',
  shipped_back: '待收货',
  received: '已收货',
  credited: '已退款',
};

export interface ReturnLine {
  sku: string;
  name: string;
  /** Units the dealer sends back. */
  qty: number;
  /** Set on receipt: units put back on hand, and units scrapped; restockQty + scrapQty = qty. */
  restockQty: number | null;
  scrapQty: number | null;
  /** Set on credit: the share of the order line's payable these units carry, fen. */
  amount: number | null;
}

export type ReturnEventType = 'requested' | 'approved' | 'rejected' | 'withdrawn' | 'shipped_back' | 'received' | 'credited';

/** One transition: the request's audit trail, shown as its timeline. */
export interface ReturnEvent {
  type: ReturnEventType;
  from: ReturnStatus | null;
  to: ReturnStatus;
  actor: { role: ActorRole; id: string };
  at: number;
  reason?: string;
  data?: Record<string, unknown>;
}

export interface ReturnRequest {
  id: string;
  orderId: string;
  orderNo: string;
  dealerId: string;
  /** The order's region: the manager of this region decides the request. */
  dealerRegion: string;
  dealerName: string;
  status: ReturnStatus;
  lines: ReturnLine[];
  reason: string;
  /** Cloud storage file ids of the dealer's photos (at most MAX_PHOTOS). */
  photos: string[];
  /** The parcel the dealer sent back. */
  shipment: { carrier: string; trackingNo: string; at: number } | null;
  /** Where the goods were received. */
  warehouseId: string | null;
  /** Credited in total, fen (null until credited). */
  amount: number | null;
  createdAt: number;
  updatedAt: number;
  events: ReturnEvent[];
}

export type ReturnCommand =
  | { type: 'approve'; reason?: string }
  | { type: 'reject'; reason: string }
  /** The dealer takes the request back before the goods leave (requested or approved). */
  | { type: 'withdraw' }
  | { type: 'ship_back'; carrier: string; trackingNo: string }
  | { type: 'receive'; warehouseId: string; lines: ReadonlyArray<{ sku: string; restockQty: number; scrapQty: number }> }
  /** The system, in the transaction of the receipt: `amounts` from creditShares on the order as it stands. */
  | { type: 'credit'; amounts: ReadonlyArray<{ sku: string; amount: number }> };
export type ReturnCommandType = ReturnCommand['type'];

/** The notifications of the after-sales flow (subscription messages, like the orders ones). */
export type ReturnNotifyTemplate = 'return_requested' | 'return_decided' | 'return_shipped_back' | 'return_credited';

/**
 * What the handler does in the transaction that saves the decision:
 * - credit: restock / credit / rebate reversal of a received request (creditReturn), then decide `credit`;
 * - release: the request's quantities stop counting against the order (rejected, withdrawn);
 * - notify: after the commit, to the dealer's people or the region's manager / the admins.
 */
export type ReturnEffect =
  | { type: 'credit' }
  | { type: 'release'; lines: Array<{ sku: string; qty: number }> }
  | { type: 'notify'; to: 'dealer' | 'manager' | 'admin'; template: ReturnNotifyTemplate; fields: Record<string, string> };

export type ReturnDecision =
  | { ok: true; next: ReturnRequest; event: ReturnEvent; effects: ReturnEffect[] }
  | { ok: false; code: 'CONFLICT' | 'FORBIDDEN' | 'INVALID_INPUT'; message: string };

/** Brand settings of after-sales (`system` document `aftersales-settings`). */
export interface ReturnPolicy {
  /** A delivered order may be returned this many whole days (24 h) after delivery. */
  returnWindowDays: number;
}
export const DEFAULT_RETURN_POLICY: ReturnPolicy = { returnWindowDays: 15 };
export const RETURN_WINDOW_MAX_DAYS = 365;
export const MAX_PHOTOS = 9;
