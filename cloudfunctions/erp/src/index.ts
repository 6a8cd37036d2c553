import { createRouter } from '../../_kit/router';
import { deleteMappings } from './actions/delete-mappings';
import { issues } from './actions/issues';
import { latestReport } from './actions/latest-report';
import { mappings } from './actions/mappings';
import { reconcile } from './actions/reconcile';
import { setMappings } from './actions/set-mappings';
import { syncNow } from './actions/sync-now';
import { dailyReconcile } from './timers/daily-reconcile';
import { sync } from './timers/sync';

/** erp: the Kingdee 金蝶云星空 connector — orders out as sales orders; deliveries, receipts and stock back; nightly reconciliation. */
export const main = createRouter('erp', { syncNow, setMappings, deleteMappings, mappings, issues, reconcile, latestReport }, { sync, dailyReconcile });
