import { contracts } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';
import { runMonth } from '../rating/run';

/**
 * Compute or recompute one month's scorecards and level proposals (admin, console): the same data
 * gives the same cards. A month too large for one call answers `done: false`; calling again goes
 * on where it stopped.
 */
export const computeScorecards = defineAction(contracts.lifecycle.computeScorecards, ['admin', CONSOLE], async ({ month }, { db, now }) =>
  runMonth(db, month, now, { restart: true }),
);
