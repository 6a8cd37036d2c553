import { contracts } from '@shared/contracts';
import { defineAction } from '../../../_kit/router';
import { CONSOLE } from '@shared/roles';
import { runCommand } from '../run-command';

/** The manager of the dealer's region (or an admin) approves a return request: the dealer may send the goods back. */
export const approve = defineAction(contracts.aftersales.approve, ['manager', 'admin', CONSOLE], async ({ requestId, reason }, { db, caller, now }) =>
  runCommand(db, caller, requestId, reason === undefined ? { type: 'approve' } : { type: 'approve', reason }, now),
);
