import { contracts } from '@shared/contracts';
import { callersOf } from '../actors';
import { runCommand } from '../run-command';
import { defineAction } from '../../../_kit/router';

/** Cancel an order (a dealer only before approval): its stock, credit and rebate are released. */
export const cancel = defineAction(contracts.orders.cancel, callersOf('cancel'), async ({ orderId, reason }, { db, caller, now }) =>
  runCommand(db, caller, orderId, { type: 'cancel', reason }, now),
);
