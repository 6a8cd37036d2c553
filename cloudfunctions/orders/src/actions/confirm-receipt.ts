import { contracts } from '@shared/contracts';
import { isTierOrderId } from '@shared/contracts/tier';
import { runTierCommand } from '../tier/command';
import { callersOf } from '../actors';
import { runCommand } from '../run-command';
import { defineAction } from '../../../_kit/router';

/** The dealer confirms the goods arrived: the order is delivered and its rebate accrues. */
export const confirmReceipt = defineAction(contracts.orders.confirmReceipt, callersOf('confirm_receipt'), async ({ orderId }, { db, caller, now }) =>
  isTierOrderId(orderId)
    ? runTierCommand(db, caller, orderId, { type: 'confirm_receipt' }, now)
    : runCommand(db, caller, orderId, { type: 'confirm_receipt' }, now),
);
