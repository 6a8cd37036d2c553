import { contracts } from '@shared/contracts';
import { callersOf } from '../actors';
import { runCommand } from '../run-command';
import { defineAction } from '../../../_kit/router';

/** Close a delivered order as completed (admin, console; the hourly timer does it after the window). */
export const complete = defineAction(contracts.orders.complete, callersOf('complete'), async ({ orderId }, { db, caller, now }) =>
  runCommand(db, caller, orderId, { type: 'complete' }, now),
);
