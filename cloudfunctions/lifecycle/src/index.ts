import { createRouter } from '../../_kit/router';
import { computeScorecards } from './actions/compute-scorecards';
import { decideLevelProposal } from './actions/decide-level-proposal';
import { levelProposals } from './actions/level-proposals';
import { offboarding } from './actions/offboarding';
import { runOffboarding } from './actions/run-offboarding';
import { scorecards } from './actions/scorecards';
import { startOffboarding } from './actions/start-offboarding';
import { monthlyScorecards } from './timers/monthly-scorecards';

/** lifecycle: dynamic rating (monthly scorecards, level proposals) and offboarding with hand-over. */
export const main = createRouter(
  'lifecycle',
  { startOffboarding, runOffboarding, offboarding, scorecards, computeScorecards, levelProposals, decideLevelProposal },
  { monthlyScorecards },
);
