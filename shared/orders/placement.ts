import type { CategoryTree } from './kit';
import { Refusal } from '../envelope';
import type { ApprovalRule } from './approval';
import { evaluateApproval } from './approval';
import type { CreditPosition } from './credit';
import { checkCredit, creditGate } from './credit';
import { approvalFactsOf } from './order';
import { decide } from './state-machine';
import type { Actor, Decision, Order } from './types';

/**
 * Placing an order, decided: the pure steps of orders.submit after pricing and allocation —
 * check credit, decide approval, decide — and what the order takes from limited things (stock,
 * promotion uses, rebate) as data, with the re-check the one writer makes of each limit on what
 * its transaction read. Nothing here reads or writes; the orders function loads and saves.
 */

/** The dealer as the submit decision sees it. */
export interface PlacingDealer {
  id: string;
  level: string;
  joinedAt: number;
  /** Credit limit, fen. */
  creditLimit: number;
}

/** The dealer's account as read (before this order): what is owed, held and earned. */
export interface AccountPosition {
  receivable: number;
  creditReserved: number;
  rebateBalance: number;
  /** Orders placed so far; absent on an account from before it was kept (then `priorOrders` counts). */
  orderCount?: number;
}

/** Everything the submit decision needs besides the order and the account. */
export interface PlacingContext {
  dealer: PlacingDealer;
  actor: Actor;
  now: number;
  approvalRules: readonly ApprovalRule[];
  categories: CategoryTree;
  /** Orders counted in the database, for an account without orderCount. */
  priorOrders: number;
  /** 代客下单: placed by the actor (a channel manager) for the dealer; awaitConfirmation unless the dealer authorised proxy orders. */
  proxy?: { awaitConfirmation: boolean };
}

export type Placed = Extract<Decision<Order>, { ok: true }>;

/**
 * Check credit, decide approval, decide: the submit of `order` against the account as read.
 * An order over the headroom is refused (CREDIT_LIMIT_EXCEEDED) unless the brand runs a
 * credit_overdraw approval rule: then it passes within the rule's tolerance, or waits for the
 * approvers beyond it, holding no credit until the last of them approves (credit.ts creditGate).
 * Run before the transaction to refuse early, and again inside it on what it read, which counts.
 */
export function decideSubmission(order: Order, account: AccountPosition, ctx: PlacingContext): Placed | Refusal {
  const { dealer, now, approvalRules } = ctx;
  const position: CreditPosition = { limit: dealer.creditLimit, used: account.receivable, reserved: account.creditReserved };
  const orderCount = account.orderCount ?? ctx.priorOrders;
  const facts = approvalFactsOf(order, { level: dealer.level, joinedAt: dealer.joinedAt, orderCount }, position, now, ctx.categories);
  const outcome = evaluateApproval(facts, approvalRules);
  const gate = creditGate(
    checkCredit(position, order.payable),
    outcome.matched.map((m) => m.code),
    approvalRules,
  );
  if (!gate.ok) return new Refusal('CREDIT_LIMIT_EXCEEDED', gate.message, { headroom: gate.headroom, shortBy: gate.shortBy });
  const command = { type: 'submit' as const, approval: { matched: outcome.matched, steps: outcome.steps }, creditOnApproval: gate.reserve === 'on_approval' };
  const proxied = ctx.proxy ? { ...command, type: 'submit_for_dealer' as const, awaitConfirmation: ctx.proxy.awaitConfirmation } : command;
  const decision = decide(order, proxied, ctx.actor, now);
  return decision.ok ? decision : new Refusal(decision.code, decision.message);
}

/**
 * What an order takes from things with a limit, as data. The writer reads each inside the
 * submit transaction and takeStock / takeCounters re-check it there: parallel submits may have
 * taken it since it was read for pricing and allocation.
 */
export interface Takes {
  /** One entry per reservation (a row may appear twice: an item and its gift from one warehouse). */
  stock: ReadonlyArray<{ rowId: string; sku: string; qty: number }>;
  /** One use of each promotion limited per dealer that priced the order. */
  promotions: ReadonlyArray<{ usageId: string; ruleId: string; name: string; limit: number }>;
  /** Rebate balance spent, fen. */
  rebate: number;
}

/** A stock row as the transaction read it, before this order's reservation; null when the row is missing. */
export type StockRowRead = { onHand: number; reserved: number } | null;

/**
 * Take the order's stock as read inside the transaction, or refuse: row by row, so two
 * reservations of one row (an item and its gift from one warehouse) add up. Returns the reserved
 * units of each row after this order.
 */
export function takeStock(stock: Takes['stock'], rows: ReadonlyMap<string, StockRowRead>): Map<string, number> | Refusal {
  const reserved = new Map<string, number>();
  for (const t of stock) {
    const row = rows.get(t.rowId) ?? null;
    const already = reserved.get(t.rowId) ?? row?.reserved ?? 0;
    const available = row ? row.onHand - already : 0;
    if (!row || available < t.qty) {
      const left = Math.max(0, available);
      return new Refusal('OUT_OF_STOCK', `库存刚刚被抢订：${t.sku} 可用 ${left}，请减少数量后重试`, {
        shortages: [{ sku: t.sku, requested: t.qty, available: left }],
      });
    }
    reserved.set(t.rowId, already + t.qty);
  }
  return reserved;
}

/**
 * Take the order's promotion uses and rebate as read inside the transaction, or refuse: each
 * limited promotion once (uses by usage id, absent: none yet), the rebate against the balance.
 * Returns each promotion's uses after this order, by usage id.
 */
export function takeCounters(
  takes: Pick<Takes, 'promotions' | 'rebate'>,
  used: ReadonlyMap<string, number>,
  rebateBalance: number,
): Map<string, { ruleId: string; count: number }> | Refusal {
  const uses = new Map<string, { ruleId: string; count: number }>();
  for (const p of takes.promotions) {
    const count = uses.get(p.usageId)?.count ?? used.get(p.usageId) ?? 0;
    if (count >= p.limit) {
      return new Refusal('CONFLICT', `「${p.name}」每个经销商限用 ${p.limit} 次，已被您的另一笔订单用掉，本单未提交。请返回重新计价后再提交`, {
        reason: 'promotion_used_up',
        ruleId: p.ruleId,
        usageLimit: p.limit,
      });
    }
    uses.set(p.usageId, { ruleId: p.ruleId, count: count + 1 });
  }
  if (takes.rebate > 0 && rebateBalance < takes.rebate) {
    return new Refusal('INVALID_INPUT', `返利余额不足：可用 ${(Math.max(0, rebateBalance) / 100).toFixed(2)} 元，请刷新后重试`, { rebateBalance });
  }
  return uses;
}
