import { contracts } from '@shared/contracts';
import { callersOf } from '../actors';
import { runCommand } from '../run-command';
import { defineAction } from '../../../_kit/router';

/** Reject an order waiting for approval: its stock, credit and rebate are released. */
export const reject = defineAction(contracts.orders.reject, callersOf('reject'), async ({ orderId, reason }, { db, caller, now }) =>
  runCommand(db, caller, orderId, { type: 'reject', reason }, now),
);
