import { contracts } from '@shared/contracts';
import { defineAction } from '../../../_kit/router';
import { runCommand } from '../run-command';

/** The dealer withdraws a request before shipping the goods back: the units it held may be asked for again. */
export const withdraw = defineAction(contracts.aftersales.withdraw, ['dealer'], async ({ requestId }, { db, caller, now }) =>
  runCommand(db, caller, requestId, { type: 'withdraw' }, now),
);
