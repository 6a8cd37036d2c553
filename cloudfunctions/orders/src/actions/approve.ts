import { contracts } from '@shared/contracts';
import { callersOf } from '../actors';
import { runCommand } from '../run-command';
import { defineAction } from '../../../_kit/router';

/** Approve the order's current approval step (the last approval reserves credit an overdraw held back). */
export const approve = defineAction(contracts.orders.approve, callersOf('approve_step'), async ({ orderId, reason }, { db, caller, now }) =>
  runCommand(db, caller, orderId, reason === undefined ? { type: 'approve_step' } : { type: 'approve_step', reason }, now),
);
