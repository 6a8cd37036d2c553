import { contracts } from '@shared/contracts';
import { callersOf, runCommand } from '../../../_kit/orders';
import { defineAction } from '../../../_kit/router';

/**
 * The order's transitions. Who may issue each, from which state, is the transition table's
 * (shared/orders/transitions.ts): each action admits the roles the table lets issue its command
 * from some state (callersOf) and lets `decide` refuse the rest with a reason.
 */
export const approve = defineAction(contracts.orders.approve, callersOf('approve_step'), async ({ orderId, reason }, { db, caller, now }) =>
  runCommand(db, caller, orderId, reason === undefined ? { type: 'approve_step' } : { type: 'approve_step', reason }, now),
);

export const reject = defineAction(contracts.orders.reject, callersOf('reject'), async ({ orderId, reason }, { db, caller, now }) =>
  runCommand(db, caller, orderId, { type: 'reject', reason }, now),
);

export const cancel = defineAction(contracts.orders.cancel, callersOf('cancel'), async ({ orderId, reason }, { db, caller, now }) =>
  runCommand(db, caller, orderId, { type: 'cancel', reason }, now),
);

export const ship = defineAction(contracts.orders.ship, callersOf('ship'), async ({ orderId, carrier, trackingNo, warehouseId, lines }, { db, caller, now }) =>
  runCommand(db, caller, orderId, warehouseId === undefined ? { type: 'ship', carrier, trackingNo, lines } : { type: 'ship', carrier, trackingNo, warehouseId, lines }, now),
);

export const confirmReceipt = defineAction(contracts.orders.confirmReceipt, callersOf('confirm_receipt'), async ({ orderId }, { db, caller, now }) =>
  runCommand(db, caller, orderId, { type: 'confirm_receipt' }, now),
);

export const complete = defineAction(contracts.orders.complete, callersOf('complete'), async ({ orderId }, { db, caller, now }) =>
  runCommand(db, caller, orderId, { type: 'complete' }, now),
);
