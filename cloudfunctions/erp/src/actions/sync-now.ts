import { contracts } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';
import { syncAll } from '../sync';

/** Sync with Kingdee now (admin, console): every feed, or the ones named. */
export const syncNow = defineAction(contracts.erp.syncNow, ['admin', CONSOLE], async ({ feeds }, { db, now }) => syncAll(db, now, feeds));
