import { contracts } from '@shared/contracts';
import { callersOf } from '../actors';
import { runCommand } from '../run-command';
import { defineAction } from '../../../_kit/router';

/** The dealer confirms the goods arrived: the order is delivered and its rebate accrues. */
export const confirmReceipt = defineAction(contracts.orders.confirmReceipt, callersOf('confirm_receipt'), async ({ orderId }, { db, caller, now }) =>
  runCommand(db, caller, orderId, { type: 'confirm_receipt' }, now),
);
