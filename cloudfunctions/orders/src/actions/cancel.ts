import { contracts } from '@shared/contracts';
import { isTierOrderId } from '@shared/contracts/tier';
import { runTierCommand } from '../tier/command';
import { Refusal } from '@shared/envelope';
import { callersOf } from '../actors';
import { runCommand } from '../run-command';
import { refundPayment } from '../../../_capabilities/wxpay';
import { defineAction } from '../../../_kit/router';

/**
 * Cancel an order (a dealer only before approval): its stock, credit and rebate are released, and
 * what it was paid online goes back to the payer (refundPayment: once, however often this runs).
 */
export const cancel = defineAction(contracts.orders.cancel, callersOf('cancel'), async ({ orderId, reason }, { db, caller, now }) => {
  // A two-tier order: the child cancels until shipped, the first-tier's stock is released once (docs/two-tier.md).
  if (isTierOrderId(orderId)) return runTierCommand(db, caller, orderId, { type: 'cancel', reason }, now);
  const view = await runCommand(db, caller, orderId, { type: 'cancel', reason }, now);
  if (!(view instanceof Refusal) && view.status === 'cancelled') {
    await refundPayment(db, { orderId, cause: 'cancel', amount: Number.MAX_SAFE_INTEGER, reason: '订单取消' }, now);
  }
  return view;
});
