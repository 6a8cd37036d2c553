import type { OrderStatus } from '../orders/types';
import type { FinalStatement, OffboardingDoc, OffboardingStep, StepState, Successor, WalletPolicy } from './types';
import { OFFBOARDING_STEPS } from './types';

const PENDING: StepState = { status: 'pending', at: null, attempts: 0, reason: null, result: null };

/** A new offboarding: every step pending, nothing done yet. */
export function newOffboarding(
  dealer: { id: string; name: string; region: string; status: string },
  start: { successor: Successor; walletPolicy: WalletPolicy; reason: string },
  by: string,
  now: number,
): OffboardingDoc {
  const steps = Object.fromEntries(OFFBOARDING_STEPS.map((s) => [s, PENDING])) as Record<OffboardingStep, StepState>;
  return {
    dealerId: dealer.id,
    dealerName: dealer.name,
    region: dealer.region,
    ...start,
    statusBefore: dealer.status,
    status: 'running',
    steps,
    statement: null,
    startedAt: now,
    startedBy: by,
    updatedAt: now,
  };
}

/** The first step not done yet, or null when all are: steps run strictly in order. */
export function nextStep(doc: OffboardingDoc): OffboardingStep | null {
  return OFFBOARDING_STEPS.find((s) => doc.steps[s].status !== 'done') ?? null;
}

/** What a step's run came to: done with what it did, or blocked with why (in words for the person running it). */
export type StepOutcome = { done: true; result: Record<string, unknown> } | { done: false; reason: string; result?: Record<string, unknown> };

/** The offboarding after a step ran: a copy, the input untouched. */
export function recordStep(doc: OffboardingDoc, step: OffboardingStep, outcome: StepOutcome, now: number): OffboardingDoc {
  const before = doc.steps[step];
  const state: StepState = outcome.done
    ? { status: 'done', at: now, attempts: before.attempts + 1, reason: null, result: outcome.result }
    : { status: 'blocked', at: now, attempts: before.attempts + 1, reason: outcome.reason, result: outcome.result ?? null };
  const steps = { ...doc.steps, [step]: state };
  const all = OFFBOARDING_STEPS.every((s) => steps[s].status === 'done');
  return { ...doc, steps, status: all ? 'done' : outcome.done ? 'running' : 'blocked', updatedAt: now };
}

/**
 * What the offboarding does with an order in each state, through the orders state machine:
 * not yet shipped (a proxy order still waiting for the dealer included) → cancelled (stock, credit
 * and rebate released); delivered → completed. Goods
 * on their way are the dealer's to receive: a shipped order waits for the receipt (the dealer's,
 * or the orders function's auto-confirm), a partly shipped one for the rest of its shipment.
 */
export type OrderDisposition = 'cancel' | 'complete' | 'wait_receipt' | 'wait_shipment' | 'closed';

export function orderDisposition(status: OrderStatus): OrderDisposition {
  switch (status) {
    case 'submitted':
    case 'awaiting_dealer_confirmation':
    case 'pending_approval':
    case 'approved':
      return 'cancel';
    case 'shipped':
      return 'wait_receipt';
    case 'delivered':
      return 'complete';
    case 'partially_shipped':
      return 'wait_shipment';
    default:
      return 'closed';
  }
}

/** The order states an offboarding still has to close. */
export const OPEN_ORDER_STATUSES: readonly OrderStatus[] = [
  'submitted',
  'awaiting_dealer_confirmation',
  'pending_approval',
  'approved',
  'partially_shipped',
  'shipped',
  'delivered',
];

/**
 * How the wallet's balance (fen) leaves it. `offset_receivable`: first against what the dealer
 * still owes, the rest paid out; `pay_out`: all of it paid out (finance transfers it). Either way
 * the wallet ends at zero, and the parts add up to the balance. A negative balance (claw-backs
 * beyond what was left) is not settled here: the step reports it.
 */
export function settleWallet(balance: number, receivable: number, policy: WalletPolicy): { offset: number; payout: number } {
  if (balance <= 0) return { offset: 0, payout: 0 };
  const offset = policy === 'offset_receivable' ? Math.min(balance, Math.max(0, receivable)) : 0;
  return { offset, payout: balance - offset };
}

/** The final statement, from what the steps recorded. */
export function finalStatement(doc: OffboardingDoc, receivable: number, now: number): FinalStatement {
  const r = (step: OffboardingStep, key: string): number => {
    const v = doc.steps[step].result?.[key];
    return typeof v === 'number' ? v : 0;
  };
  return {
    dealerId: doc.dealerId,
    dealerName: doc.dealerName,
    successor: doc.successor,
    ordersCancelled: r('orders', 'cancelled'),
    ordersCompleted: r('orders', 'completed'),
    rebatesSettled: r('rebates', 'settled'),
    walletBefore: r('wallet', 'before'),
    walletPaidOut: r('wallet', 'payout'),
    walletOffset: r('wallet', 'offset'),
    receivable,
    customersMoved: r('customers', 'moved'),
    childrenMoved: r('children', 'moved'),
    at: now,
  };
}
