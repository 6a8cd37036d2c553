import { contracts } from '@shared/contracts';
import { defineAction } from '../../../_kit/router';
import { CONSOLE } from '@shared/roles';
import { runCommand } from '../run-command';

/** Reject a return request with a reason: the units it held may be asked for again. */
export const reject = defineAction(contracts.aftersales.reject, ['manager', 'admin', CONSOLE], async ({ requestId, reason }, { db, caller, now }) =>
  runCommand(db, caller, requestId, { type: 'reject', reason }, now),
);
