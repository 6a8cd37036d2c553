import { contracts } from '@shared/contracts';
import { callersOf } from '../actors';
import { runCommand } from '../run-command';
import { defineAction } from '../../../_kit/router';

/** The dealer refuses a proxy order placed for it: its stock, credit and rebate are released. */
export const refuseProxy = defineAction(contracts.orders.refuseProxy, callersOf('refuse_proxy'), async ({ orderId, reason }, { db, caller, now }) =>
  runCommand(db, caller, orderId, { type: 'refuse_proxy', reason }, now),
);
