/**
 * The order as the state machine sees it. Money is integer fen, quantities base units (件),
 * times epoch ms. A stored order document is this plus whatever the handler keeps beside it
 * (address, remark, clientOrderId…): `decide` is generic and carries extra fields over untouched.
 */
import type { MatchedApprovalRule } from './approval/evaluate';
import type { ApproverRole } from './approval/kit';
import type { Role } from '../roles';
import type { StockReservation } from './stock';

/**
 * The states. `partially_shipped` is a state of its own (not `shipped` with a flag) because a
 * state says whose move it is: partially shipped → the warehouse still owes goods (ship again);
 * shipped → everything is on its way, the dealer's move (confirm receipt). Lists such as 待发货
 * and 待收货 are then one indexed query on `status`, and confirm_receipt is allowed from exactly
 * one state.
 */
export const ORDER_STATUSES = [
  'submitted',
  /** Placed by a channel manager for the dealer (代客下单): stock and credit held, waiting for the dealer's 确认 / 拒绝. */
  'awaiting_dealer_confirmation',
  'pending_approval',
  'approved',
  'partially_shipped',
  'shipped',
  'delivered',
  'completed',
  'cancelled',
  'rejected',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** States that accept no command. */
export const TERMINAL_STATUSES: readonly OrderStatus[] = ['completed', 'cancelled', 'rejected'];

/** What the dealer sees as the status. */
export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  submitted: '已提交',
  awaiting_dealer_confirmation: '待确认',
  pending_approval: '待审批',
  approved: '待发货',
  partially_shipped: '部分发货',
  shipped: '已发货',
  delivered: '已收货',
  completed: '已完成',
  cancelled: '已取消',
  rejected: '已驳回',
};

/** Who acts: a person of a role, or the system (timers, automatic steps). */
export type ActorRole = Role | 'system';
export interface Actor {
  role: ActorRole;
  /** openid of the person, or 'system'. */
  id: string;
  /** For dealers: the dealer they belong to (from the users collection, never the payload). */
  dealerId?: string | null;
}

export interface OrderLine {
  sku: string;
  name: string;
  categoryId: string;
  /** 'gift' lines come from a 搭赠 promotion; their payable is 0. A SKU may appear as an item and as a gift. */
  kind: 'item' | 'gift';
  /** Ordered, base units. */
  qty: number;
  /** Shipped so far, base units; 0 ≤ shippedQty ≤ qty. */
  shippedQty: number;
  /** List price per base unit, fen. */
  listPrice: number;
  /** Price per base unit after line-level rules, fen (the average when not uniform). */
  unitPrice: number;
  /** What the dealer pays for this line (after order discounts and rebate), fen. */
  payable: number;
}

export interface ApprovalStepState {
  role: ApproverRole;
  label: string;
  /** Rules that asked for this step. */
  ruleIds: string[];
  approvedBy: { role: ActorRole; id: string } | null;
  approvedAt: number | null;
}

export interface OrderApproval {
  /** True when no rule matched and the order was approved on submit. */
  auto: boolean;
  /** The rules that matched and why (shown to approvers). */
  matched: MatchedApprovalRule[];
  steps: ApprovalStepState[];
  /** Index of the step awaiting a decision; steps.length once every step approved. */
  currentStep: number;
}

export interface ShipmentLine {
  sku: string;
  qty: number;
}

export interface Shipment {
  /** 1, 2, … in the order shipped. */
  no: number;
  warehouseId: string;
  carrier: string;
  trackingNo: string;
  lines: ShipmentLine[];
  /** Fen moved from reserved credit to receivables by this shipment. */
  amount: number;
  at: number;
  by: { role: ActorRole; id: string };
}

export type OrderEventType =
  'submitted' | 'step_approved' | 'approved' | 'rejected' | 'cancelled' | 'shipped' | 'delivered' | 'completed' | 'proxy_confirmed' | 'proxy_refused';

/** One transition: the audit trail. Exactly one per successful command. */
export interface OrderEvent {
  type: OrderEventType;
  from: OrderStatus;
  to: OrderStatus;
  actor: { role: ActorRole; id: string };
  at: number;
  reason?: string;
  data?: Record<string, unknown>;
}

export interface Order {
  id: string;
  orderNo: string;
  dealerId: string;
  status: OrderStatus;
  lines: OrderLine[];
  /** Σ qty × listPrice, fen. */
  listTotal: number;
  /** Σ line payable, fen: what the dealer owes for the whole order. */
  payable: number;
  /** Rebate balance spent on this order, fen (already deducted from payable). */
  rebateUsed: number;
  /** The promotion_usage ids (dealer:rule) of per-dealer-limited promotions this order counted one use against; given back when it closes unshipped. */
  promotionUses?: string[];
  /**
   * Credit still held by this order, fen: payable at submit, down by each shipment, 0 when closed.
   * An order sent to approval for overdrawing the credit limit holds 0 until its last step is
   * approved, and the payable from then on.
   */
  creditReserved: number;
  /** Credit turned into receivables by shipments so far, fen. creditReserved + receivableBooked = payable once approved and while open. */
  receivableBooked: number;
  /** Stock still held for this order per SKU and warehouse (what has not shipped yet). */
  reservations: StockReservation[];
  /** Null until the submit command decides it. */
  approval: OrderApproval | null;
  shipments: Shipment[];
  createdAt: number;
  approvedAt: number | null;
  /** First shipment. */
  shippedAt: number | null;
  /** The shipment that completed every line's quantity (auto-confirm counts from here). */
  fullyShippedAt: number | null;
  deliveredAt: number | null;
  completedAt: number | null;
  /** Cancelled or rejected. */
  closedAt: number | null;
  closeReason: string | null;
  /** Who placed it when not the dealer (代客下单: a channel manager); absent on the dealer's own orders. */
  placedBy?: { role: ActorRole; id: string };
  events: OrderEvent[];
}

export type OrderCommand =
  /**
   * Decide approval; `approval` is evaluateApproval's outcome for this order. `creditOnApproval`:
   * the order overdraws the credit limit and a credit_overdraw rule sent it to approval, so its
   * credit is not reserved now but when the last step approves it (ignored when no step is needed).
   */
  | {
      type: 'submit';
      approval: { matched: MatchedApprovalRule[]; steps: ReadonlyArray<{ role: ApproverRole; label: string; ruleIds: string[] }> };
      creditOnApproval?: boolean;
    }
  /**
   * 代客下单: the same decision as submit, by a channel manager (or admin) for the dealer, who is
   * recorded as placedBy. `awaitConfirmation`: the dealer has not authorised proxy orders, so the
   * order waits for the dealer's confirm_proxy / refuse_proxy before approval starts.
   */
  | {
      type: 'submit_for_dealer';
      approval: { matched: MatchedApprovalRule[]; steps: ReadonlyArray<{ role: ApproverRole; label: string; ruleIds: string[] }> };
      creditOnApproval?: boolean;
      awaitConfirmation: boolean;
    }
  | { type: 'confirm_proxy' }
  | { type: 'refuse_proxy'; reason: string }
  | { type: 'approve_step'; reason?: string }
  | { type: 'reject'; reason: string }
  | { type: 'cancel'; reason: string }
  /** warehouseId may be left out when the lines' remaining stock is held at one warehouse. */
  | { type: 'ship'; carrier: string; trackingNo: string; warehouseId?: string; lines: readonly ShipmentLine[] }
  | { type: 'confirm_receipt' }
  | { type: 'complete' };
export type OrderCommandType = OrderCommand['type'];
export const ORDER_COMMAND_TYPES: readonly OrderCommandType[] = [
  'submit',
  'submit_for_dealer',
  'confirm_proxy',
  'refuse_proxy',
  'approve_step',
  'reject',
  'cancel',
  'ship',
  'confirm_receipt',
  'complete',
];

/** Who a notification goes to: a dealer's users, or everyone of a brand role (the handler narrows, e.g. by region). */
export type NotifyTarget = { role: 'dealer'; dealerId: string } | { role: ApproverRole };

export const NOTIFY_TEMPLATES = [
  'order_pending_approval',
  'order_approved',
  'order_to_ship',
  'order_rejected',
  'order_cancelled',
  'order_shipped',
  /** 代客下单: a channel manager placed an order for the dealer, to confirm or refuse (the dealer). */
  'order_proxy_placed',
  /** A dealer application's outcome (dealers function), to its applicant: someone with no account yet. */
  'application_result',
  /** A must-read resource of the enablement hub not read yet (enablement.remindUnread), to dealers' people and managers. */
  'must_read_reminder',
  /** An insight alert (insights function, nightly), to the manager of its region. */
  'insight_alert',
  /** The weekly brief of the 问渠道 assistant is ready (insights function, weekly), to a manager. */
  'insight_brief',
  /** After-sales (aftersales function): a return request to decide (the region's manager), its decision and its credit (the dealer), goods on their way back (admins). */
  'return_requested',
  'return_decided',
  'return_shipped_back',
  'return_credited',
] as const;
export type NotifyTemplate = (typeof NOTIFY_TEMPLATES)[number];

/**
 * What the handler must do in the same transaction as saving `next`. Data, not calls.
 * - release_stock: reserved −= qty per SKU/warehouse (order closed before shipping).
 * - consume_reservation_on_shipment: onHand −= qty and reserved −= qty (goods left the warehouse).
 * - reserve_credit: the dealer's reserved credit += amount (an over-limit order approved: its
 *   credit is held from the approval on, whatever the headroom — the approver allowed it).
 * - release_credit: the dealer's reserved credit −= amount.
 * - book_receivable: reserved credit −= amount and open receivables += amount (shipped on credit).
 * - release_rebate: the dealer's rebate balance += amount (rebate spent on an order that closed).
 * - release_promotion_usage: each limited promotion's use count −1 (the closed order no longer uses it up).
 * - notify: a subscription message; `fields` by meaning (orderNo, amount, status, reason…),
 *   the handler maps them to the template's keys and length limits.
 */
export type OrderEffect =
  | { type: 'release_stock'; items: StockReservation[] }
  | { type: 'consume_reservation_on_shipment'; items: StockReservation[] }
  | { type: 'reserve_credit'; dealerId: string; amount: number }
  | { type: 'release_credit'; dealerId: string; amount: number }
  | { type: 'book_receivable'; dealerId: string; amount: number }
  | { type: 'release_rebate'; dealerId: string; amount: number }
  | { type: 'release_promotion_usage'; usageIds: string[] }
  | { type: 'notify'; to: NotifyTarget; template: NotifyTemplate; fields: Record<string, string> };

export type DecisionErrorCode = 'CONFLICT' | 'FORBIDDEN' | 'INVALID_INPUT';

export type Decision<T extends Order = Order> =
  { ok: true; next: T; event: OrderEvent; effects: OrderEffect[] } | { ok: false; code: DecisionErrorCode; message: string };

/** Rules the brand sets; passed to decide. */
export interface OrderPolicy {
  /** The system confirms receipt this many whole days (24 h) after the order was fully shipped. */
  autoConfirmDays: number;
}
export const DEFAULT_ORDER_POLICY: OrderPolicy = { autoConfirmDays: 10 };
