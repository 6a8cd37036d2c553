import { contracts } from '@shared/contracts';
import { callersOf } from '../actors';
import { runCommand } from '../run-command';
import { defineAction } from '../../../_kit/router';

/** The dealer confirms a proxy order placed for it (代客下单): approval starts as for its own submit. */
export const confirmProxy = defineAction(contracts.orders.confirmProxy, callersOf('confirm_proxy'), async ({ orderId }, { db, caller, now }) =>
  runCommand(db, caller, orderId, { type: 'confirm_proxy' }, now),
);
