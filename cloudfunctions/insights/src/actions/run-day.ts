import { contracts } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';
import { runNightFor } from '../night';

/** The nightly job for one day, on demand (a missed night, or a demo of a past day). */
export const runDay = defineAction(contracts.insights.runDay, ['admin', CONSOLE], async ({ day }, { db, now }) => {
  const dayStart = Date.parse(`${day}T00:00:00+08:00`);
  return { day, ...(await runNightFor(db, dayStart, now)) };
});
