import { formatYuan } from './format';

/**
 * A dealer's credit position, all integer fen:
 * - limit:    the credit limit granted (DealerDoc.creditLimit);
 * - used:     open receivables — shipped goods not yet paid for;
 * - reserved: held by open orders — submitted/approved but not yet shipped (an order's
 *             reservation turns into a receivable as it ships, see state-machine `book_receivable`).
 */
export interface CreditPosition {
  limit: number;
  used: number;
  reserved: number;
}

/** Headroom = limit − open receivables − reserved by open orders. Negative when already overdrawn. */
export function creditHeadroom(credit: CreditPosition): number {
  return credit.limit - credit.used - credit.reserved;
}

export type CreditCheck = { ok: true; headroom: number } | { ok: false; code: 'CREDIT_LIMIT_EXCEEDED'; headroom: number; shortBy: number; message: string };

/**
 * Whether an order of `amount` fen fits the headroom. Fitting exactly passes; an amount of 0
 * (an order paid entirely with rebate) always passes, even when the dealer is overdrawn.
 */
export function checkCredit(credit: CreditPosition, amount: number): CreditCheck {
  const headroom = creditHeadroom(credit);
  if (amount <= 0 || amount <= headroom) return { ok: true, headroom };
  const shortBy = amount - headroom;
  return {
    ok: false,
    code: 'CREDIT_LIMIT_EXCEEDED',
    headroom,
    shortBy,
    message: `信用额度不足：可用 ${formatYuan(headroom)}，本单 ${formatYuan(amount)}，还差 ${formatYuan(shortBy)}。请先回款或减少下单金额`,
  };
}

/**
 * How the brand's credit_overdraw approval rules treat an order that does not fit the headroom:
 * - `reserve`: it fits, or an enabled credit_overdraw rule tolerates the overdraw (short by no
 *   more than its `toleranceFen`): reserve its credit now, as usual;
 * - `on_approval`: a credit_overdraw rule matched it, so it goes to approval holding no credit,
 *   and the last approval reserves it;
 * - the refusal: no credit_overdraw rule is enabled, the hard stop.
 * `matchedCodes` are the codes of the approval rules the order matched; `enabledRules` the
 * enabled approval rules (a disabled rule neither tolerates nor sends to approval).
 */
export function creditGate(
  check: CreditCheck,
  matchedCodes: readonly string[],
  enabledRules: ReadonlyArray<{ code: string; enabled: boolean; args: unknown }>,
): { ok: true; reserve: 'now' | 'on_approval' } | Extract<CreditCheck, { ok: false }> {
  if (check.ok) return { ok: true, reserve: 'now' };
  if (matchedCodes.includes('credit_overdraw')) return { ok: true, reserve: 'on_approval' };
  const tolerated = enabledRules.some(
    (r) => r.enabled && r.code === 'credit_overdraw' && check.shortBy <= ((r.args as { toleranceFen?: number }).toleranceFen ?? 0),
  );
  return tolerated ? { ok: true, reserve: 'now' } : check;
}
