import { contracts } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';
import { computeMonth } from '../rating/compute';

/** Compute or recompute one month's scorecards and level proposals (admin, console): the same data gives the same cards. */
export const computeScorecards = defineAction(contracts.lifecycle.computeScorecards, ['admin', CONSOLE], async ({ month }, { db, now }) =>
  computeMonth(db, month, now),
);
