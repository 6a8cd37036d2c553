import { REBATE_SPEND_RULE } from '../contracts/rebates';
import { Refusal } from '../envelope';
import { formatFen } from '../money';
import { spendCap } from './wallet';

/**
 * Check a rebate spend against the wallet and the spend rule (at most 10 % of the order before
 * rebate): the amount to deduct, or a refusal that says the most this order may use. The quote
 * and the order both ask it, so a cart and its order refuse the same spend with the same words.
 */
export function checkRebateSpend(requested: number, payableBeforeRebate: number, balance: number): number | Refusal {
  if (requested === 0) return 0;
  const max = spendCap(payableBeforeRebate, REBATE_SPEND_RULE, balance);
  if (requested > max) {
    return new Refusal('INVALID_INPUT', `本单最多可用返利 ${formatFen(max)}（余额 ${formatFen(Math.max(0, balance))}，不超过订单金额的 10%）`, {
      rebateMax: max,
      rebateBalance: balance,
    });
  }
  return requested;
}
