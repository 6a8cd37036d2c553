import { contracts } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { shanghaiMidnightOf } from '@shared/time';
import { defineAction } from '../../../_kit/router';
import { backfillAggregates } from '../backfill';

/** The sales rows from all history before a day (a new installation; the nightly timer does it on its first night). */
export const backfill = defineAction(contracts.insights.backfill, ['admin', CONSOLE], async ({ until }, { db }) => {
  return { until, ...(await backfillAggregates(db, shanghaiMidnightOf(until))) };
});
