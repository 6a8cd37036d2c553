import { contracts } from '@shared/contracts';
import { isTierOrderId } from '@shared/contracts/tier';
import { runTierCommand } from '../tier/command';
import { callersOf } from '../actors';
import { runCommand } from '../run-command';
import { defineAction } from '../../../_kit/router';

/**
 * Cancel an order (a dealer only before approval): its stock, credit and rebate are released, and
 * what it was paid online goes back to the payer (run-command's refund of a close: once, however often this runs).
 */
export const cancel = defineAction(contracts.orders.cancel, callersOf('cancel'), async ({ orderId, reason }, { db, caller, now }) => {
  // A two-tier order: the child cancels until shipped, the first-tier's stock is released once (docs/two-tier.md).
  if (isTierOrderId(orderId)) return runTierCommand(db, caller, orderId, { type: 'cancel', reason }, now);
  return runCommand(db, caller, orderId, { type: 'cancel', reason }, now);
});
