import { contracts } from '@shared/contracts';
import { isTierOrderId } from '@shared/contracts/tier';
import { runTierCommand } from '../tier/command';
import { brandOnlyRefusal } from '../tier/parties';
import { callersOf } from '../actors';
import { runCommand } from '../run-command';
import { defineAction } from '../../../_kit/router';

/** Reject an order waiting for approval: its stock, credit and rebate are released. */
export const reject = defineAction(contracts.orders.reject, [...callersOf('reject'), 'dealer'], async ({ orderId, reason }, { db, caller, now }) =>
  // A two-tier order is rejected by its first-tier (docs/two-tier.md); the brand's by its approvers.
  isTierOrderId(orderId)
    ? runTierCommand(db, caller, orderId, { type: 'reject', reason }, now)
    : (brandOnlyRefusal(caller, 'reject') ?? runCommand(db, caller, orderId, { type: 'reject', reason }, now)),
);
