import { createRouter } from '../../_kit/router';
import { approveSettlements } from './actions/approve-settlements';
import { checkAggregates } from './actions/check-aggregates';
import { closePeriod } from './actions/close-period';
import { progress } from './actions/progress';
import { recordReturn } from './actions/record-return';
import { setTargets } from './actions/set-targets';
import { settlements } from './actions/settlements';
import { upsertPolicy } from './actions/upsert-policy';
import { wallet } from './actions/wallet';
import { closePeriods } from './timers/close-periods';

/** rebates: live progress, settlements with their trace, the wallet, returns and claw-backs. */
export const main = createRouter(
  'rebates',
  { progress, wallet, settlements, upsertPolicy, setTargets, closePeriod, approveSettlements, checkAggregates, recordReturn },
  { closePeriods },
);
