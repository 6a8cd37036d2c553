import { z } from 'zod';
import { action } from '../contract';
import type { OrderDoc } from '../models';
import type { ActorRole, ApprovalStepState, OrderApproval, OrderEvent, OrderStatus, Shipment, Statement, StockShortage } from '../orders';
import type { LineError } from '../pricing';
import type { BuyAgainPlan } from '../orders/buy-again';
import type { MoneyBreakdown } from '../pricing/breakdown';
import { proxyActions } from './proxy-orders';
import { payActions } from './payments';
import { tierOrderActions } from './tier';
import {
  approveOrderInputSchema,
  cancelOrderInputSchema,
  confirmReceiptInputSchema,
  ORDER_INPUT_EXAMPLES,
  rejectOrderInputSchema,
  shipOrderInputSchema,
  statementMonthSchema,
  submitOrderInputSchema,
} from '../orders';

/**
 * Who did something to an order, as people read it: a name and a role, never an openid (the stored
 * events keep the actor's id for the audit trail and separation of duties; views never carry it).
 */
export interface ActorView {
  role: ActorRole;
  /** The person's name from the users collection, '品牌方' for the console, '系统' for timers; the role's label when unknown. */
  name: string;
}
export type OrderEventView = Omit<OrderEvent, 'actor'> & { actor: ActorView };
export type ApprovalStepView = Omit<ApprovalStepState, 'approvedBy'> & { approvedBy: ActorView | null };
export type OrderApprovalView = Omit<OrderApproval, 'steps'> & { steps: ApprovalStepView[] };
export type ShipmentView = Omit<Shipment, 'by'> & { by: ActorView };

/** An order as the caller sees it: the stored document (shared/models OrderDoc) with its id and status label, actors by name. */
export type OrderView = Omit<OrderDoc, 'warehouseIds' | 'updatedAt' | 'requestDigest' | 'events' | 'approval' | 'shipments'> & {
  id: string;
  /** Chinese status label for the dealer, e.g. 待发货. */
  statusLabel: string;
  events: OrderEventView[];
  approval: OrderApprovalView | null;
  shipments: ShipmentView[];
  /** Names of the warehouses holding the order's reservations, by id (orders.get only: the ship panel shows names, never ids). */
  warehouseNames?: Record<string, string>;
};

export interface OrderSummary {
  id: string;
  orderNo: string;
  dealerId: string;
  dealerName: string;
  status: OrderStatus;
  statusLabel: string;
  payable: number;
  /** Number of lines and total base units. */
  lineCount: number;
  itemQty: number;
  /** First line names, for the list. */
  preview: string[];
  createdAt: number;
  /** The approval step waiting, e.g. 渠道经理审批 (pending orders only). */
  waitingFor: string | null;
}

/**
 * The dealer behind orders waiting for approval, as the approver weighs them: credit (limit,
 * what is used — receivables plus what open orders hold — and what is left), receivables, and
 * the latest orders. Integer fen.
 */
export interface DealerContext {
  dealerId: string;
  name: string;
  level: string;
  creditLimit: number;
  /** receivable + creditReserved. */
  creditUsed: number;
  /** Shipped and not yet paid. */
  receivable: number;
  /** creditLimit − creditUsed; negative when overdrawn. */
  headroom: number;
  /** The dealer's latest orders, newest first (at most RECENT_ORDERS). */
  recentOrders: Array<Pick<OrderSummary, 'id' | 'orderNo' | 'payable' | 'status' | 'statusLabel' | 'createdAt'>>;
  /** The dealer's health from its ordering (shared/insights/health); null when it ordered nothing in 180 days. */
  health: DealerHealthBrief | null;
}

/** A dealer's health as the approver reads it: 0–100, the reason furthest from healthy, and whether it may be leaving. */
export interface DealerHealthBrief {
  score: number;
  reason: string;
  churnRisk: boolean;
}

/** How many of a dealer's latest orders the approval card lists. */
export const RECENT_ORDERS = 5;

/** Status groups of the order list tabs. */
export const ORDER_LIST_GROUPS = ['all', 'pending', 'to_ship', 'to_receive', 'done', 'closed'] as const;
export type OrderListGroup = (typeof ORDER_LIST_GROUPS)[number];

export const GROUP_STATUSES: Record<OrderListGroup, readonly OrderStatus[] | null> = {
  all: null,
  pending: ['submitted', 'awaiting_dealer_confirmation', 'pending_approval'],
  to_ship: ['approved', 'partially_shipped'],
  to_receive: ['shipped'],
  done: ['delivered', 'completed'],
  closed: ['cancelled', 'rejected'],
};

export interface SubmitOutput {
  order: OrderView;
  /** True when this clientOrderId had already made the order (a retry or double tap). */
  replayed: boolean;
}

export interface StatementOutput {
  statement: Statement;
  /** The same statement as CSV (UTF-8 with BOM), ready to save or share. */
  csv: string;
  /** Orders placed in the month and not cancelled or rejected: how many, and their money breakdown. */
  ordered: MoneyBreakdown & { count: number };
}

/**
 * The `details` of a refused orders.submit, by error code — what the function sends and the
 * checkout page reads (wire shape: a plain object on ErrorBody.details). Fen amounts.
 */
export interface SubmitRefusalDetails {
  OUT_OF_STOCK: { shortages: StockShortage[] };
  /** headroom: credit still available; shortBy: how much the order is over it. */
  CREDIT_LIMIT_EXCEEDED: { headroom: number; shortBy: number };
  MOQ_NOT_MET: { lineErrors: LineError[] };
  INVALID_INPUT: { lineErrors?: LineError[] };
}

/** OUT_OF_STOCK's shortages, keeping only well-formed entries (details arrive untyped). */
export function shortagesOf(details: Record<string, unknown> | undefined): StockShortage[] {
  const raw = details?.['shortages'];
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (s): s is StockShortage =>
      typeof s === 'object' &&
      s !== null &&
      typeof (s as StockShortage).sku === 'string' &&
      typeof (s as StockShortage).requested === 'number' &&
      typeof (s as StockShortage).available === 'number',
  );
}

/** CREDIT_LIMIT_EXCEEDED's amounts; a missing or non-finite one is null. */
export function creditRefusalOf(details: Record<string, unknown> | undefined): { headroom: number | null; shortBy: number | null } {
  const fen = (key: keyof SubmitRefusalDetails['CREDIT_LIMIT_EXCEEDED']) => {
    const v = details?.[key];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  return { headroom: fen('headroom'), shortBy: fen('shortBy') };
}

const id = z.string().min(1).max(80);

export const orders = {
  /** Place an order: re-priced on the server, stock and credit reserved in one transaction; idempotent on clientOrderId. */
  submit: action<SubmitOutput>()(submitOrderInputSchema, {
    ...ORDER_INPUT_EXAMPLES.submit,
    lines: [{ sku: 'sku-0001', qty: 5, unit: '箱' }],
  }),
  /**
   * Orders visible to the caller (dealer: its own; manager: its regions; admin: all), newest first.
   * `placedByMe`: only the orders the caller placed for dealers (代客下单, a manager's or admin's own list).
   */
  list: action<{ items: OrderSummary[]; nextCursor: string | null }>()(
    z.strictObject({
      group: z.enum(ORDER_LIST_GROUPS).optional(),
      placedByMe: z.boolean().optional(),
      cursor: z.string().min(1).max(120).optional(),
      limit: z.number().int().min(1).max(50).optional(),
    }),
    { group: 'pending', limit: 20 },
  ),
  /** One order with its lines, shipments and timeline. */
  get: action<OrderView>()(z.strictObject({ orderId: id }), { orderId: 'order-000001' }),
  /** Orders waiting for the caller's approval step, and each of their dealers' credit and latest orders (by dealer id). */
  pendingApprovals: action<{ items: OrderSummary[]; dealers: Record<string, DealerContext> }>()(z.strictObject({})),
  approve: action<OrderView>()(approveOrderInputSchema, ORDER_INPUT_EXAMPLES.approve),
  reject: action<OrderView>()(rejectOrderInputSchema, ORDER_INPUT_EXAMPLES.reject),
  cancel: action<OrderView>()(cancelOrderInputSchema, ORDER_INPUT_EXAMPLES.cancel),
  ship: action<OrderView>()(shipOrderInputSchema, ORDER_INPUT_EXAMPLES.ship),
  confirmReceipt: action<OrderView>()(confirmReceiptInputSchema, ORDER_INPUT_EXAMPLES.confirmReceipt),
  /** Close a delivered order as completed (admin, console; the hourly timer does it 7 days after receipt). */
  complete: action<OrderView>()(z.strictObject({ orderId: id }), { orderId: 'order-000001' }),
  /** The cart lines of a past order, to order again (base units), with what was left out or reduced (off sale, stock) and why. */
  buyAgain: action<BuyAgainPlan>()(z.strictObject({ orderId: id }), {
    orderId: 'order-000001',
  }),
  /** Monthly statement (对账单) of the caller's dealer; admins name the dealer. */
  statement: action<StatementOutput>()(z.strictObject({ month: statementMonthSchema, dealerId: z.string().min(1).max(64).optional() }), { month: '2026-10' }),
  ...proxyActions,
  ...payActions,
  ...tierOrderActions,
};
