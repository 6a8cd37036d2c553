import { contracts } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { runCommand } from '../../../_kit/orders';
import { defineAction } from '../../../_kit/router';

/**
 * The order's transitions. Who may issue each, from which state, is the state machine's
 * (shared/orders/state-machine.ts): these actions only admit the roles that could ever issue
 * them and let `decide` refuse the rest with a reason.
 */
export const approve = defineAction(contracts.orders.approve, ['manager', 'admin', CONSOLE], async ({ orderId, reason }, { db, caller, now }) =>
  runCommand(db, caller, orderId, reason === undefined ? { type: 'approve_step' } : { type: 'approve_step', reason }, now),
);

export const reject = defineAction(contracts.orders.reject, ['manager', 'admin', CONSOLE], async ({ orderId, reason }, { db, caller, now }) =>
  runCommand(db, caller, orderId, { type: 'reject', reason }, now),
);

export const cancel = defineAction(contracts.orders.cancel, ['dealer', 'admin', CONSOLE], async ({ orderId, reason }, { db, caller, now }) =>
  runCommand(db, caller, orderId, { type: 'cancel', reason }, now),
);

export const ship = defineAction(contracts.orders.ship, ['admin', CONSOLE], async ({ orderId, carrier, trackingNo, warehouseId, lines }, { db, caller, now }) =>
  runCommand(db, caller, orderId, warehouseId === undefined ? { type: 'ship', carrier, trackingNo, lines } : { type: 'ship', carrier, trackingNo, warehouseId, lines }, now),
);

export const confirmReceipt = defineAction(contracts.orders.confirmReceipt, ['dealer'], async ({ orderId }, { db, caller, now }) =>
  runCommand(db, caller, orderId, { type: 'confirm_receipt' }, now),
);

export const complete = defineAction(contracts.orders.complete, ['admin', CONSOLE], async ({ orderId }, { db, caller, now }) =>
  runCommand(db, caller, orderId, { type: 'complete' }, now),
);
