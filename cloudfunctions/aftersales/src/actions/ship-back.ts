import { contracts } from '@shared/contracts';
import { defineAction } from '../../../_kit/router';
import { runCommand } from '../run-command';

/** The dealer sent an approved return back: carrier and tracking number, so the warehouse expects it. */
export const shipBack = defineAction(contracts.aftersales.shipBack, ['dealer'], async ({ requestId, carrier, trackingNo }, { db, caller, now }) =>
  runCommand(db, caller, requestId, { type: 'ship_back', carrier, trackingNo }, now),
);
