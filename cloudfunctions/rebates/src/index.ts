import { createRouter } from '../../_kit/router';
import { approveSettlements, checkAggregates, closePeriod, setTargets, upsertPolicy } from './actions/admin';
import { progressAction, settlements, wallet } from './actions/dealer';
import { recordReturn } from './actions/returns';
import { closePeriods } from './actions/timers';

/** rebates: live progress, settlements with their trace, the wallet, returns and claw-backs. */
export const main = createRouter(
  'rebates',
  { progress: progressAction, wallet, settlements, upsertPolicy, setTargets, closePeriod, approveSettlements, checkAggregates, recordReturn },
  { closePeriods },
);
