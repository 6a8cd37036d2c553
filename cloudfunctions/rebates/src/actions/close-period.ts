import { contracts } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';
import { closePeriodFor } from '../periods';

export const closePeriod = defineAction(contracts.rebates.closePeriod, ['admin', CONSOLE], async ({ period }, { db, now }) => closePeriodFor(db, period, now));
