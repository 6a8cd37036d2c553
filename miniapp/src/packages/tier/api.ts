import type { InputOf } from '@shared/contract';
import { orders } from '@shared/contracts/orders';
import { tier, tierOrderActions } from '@shared/contracts/tier';
import type { TierOrderGroup } from '@shared/contracts/tier';
import { formatFen } from '@shared/money/format-fen';
import { callContract } from '../../services/cloud';

type Tier = typeof tier;

/** A tier-function call checked against its contract (shared/contracts/tier); the schemas load with this subpackage only. */
export function tierCall<A extends keyof Tier & string>(action: A, input: InputOf<Tier[A]>) {
  return callContract('tier', action, tier[action], input);
}

type Orders = typeof orders;
type OrderCommand = 'get' | 'reject' | 'ship';

/** The orders function's commands a first-tier issues on its children's orders (the same actions as brand orders). */
export function orderCall<A extends OrderCommand>(action: A, input: InputOf<Orders[A]>) {
  return callContract('orders', action, orders[action], input);
}

/** 接单 (orders.accept): submitted → approved, 待发货. */
export const acceptOrder = (orderId: string) => callContract('orders', 'accept', tierOrderActions.accept, { orderId });

/** The first-tier's list tabs: every group of TIER_ORDER_GROUPS, and 全部 first. */
export const INCOMING_TABS: ReadonlyArray<{ key: TierOrderGroup | 'all'; label: string; empty: string }> = [
  { key: 'all', label: '全部', empty: '下级经销商还没有向你订货' },
  { key: 'to_accept', label: '待接单', empty: '没有待接单的订单' },
  { key: 'to_ship', label: '待发货', empty: '没有待发货的订单' },
  { key: 'to_receive', label: '已发货', empty: '没有在途的订单' },
  { key: 'unpaid', label: '待收款', empty: '没有待收款的订单' },
  { key: 'done', label: '已完成', empty: '没有已完成的订单' },
  { key: 'closed', label: '已关闭', empty: '没有已关闭的订单' },
];

/** 元 typed by a person → fen: digits with at most two decimals, more than 0; null when it is not an amount. */
export function yuanToFen(text: string): number | null {
  const m = /^\s*(\d{1,7})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return fen > 0 ? fen : null;
}

/** Fen as the yuan a person types back (2600 → '26.00'), for a field's starting value. */
export const fenToYuanText = (fen: number) => formatFen(fen, { grouping: false }).replace(/^¥/, '');

/**
 * Why a typed 供货价 cannot be saved, in words the first-tier can act on; null when it can.
 * The server checks the same bounds (PRICE_OUT_OF_BOUNDS) — this only saves a round trip.
 */
export function priceProblem(text: string, bounds: { floor: number; ceil: number }): string | null {
  const fen = yuanToFen(text);
  const range = `${formatFen(bounds.floor)} – ${formatFen(bounds.ceil)}`;
  if (fen === null) return `请填写供货价（元，最多两位小数），品牌方允许的范围是 ${range}`;
  if (fen < bounds.floor || fen > bounds.ceil) return `供货价须在品牌方允许的 ${range} 之间（你填的是 ${formatFen(fen)}）`;
  return null;
}
