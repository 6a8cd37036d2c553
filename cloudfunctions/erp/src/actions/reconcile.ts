import { contracts } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';
import { runReconciliation } from '../reconciliation';

/** Reconcile with Kingdee now and answer the stored report. */
export const reconcile = defineAction(contracts.erp.reconcile, ['admin', CONSOLE], async (_input, { db, now }) => {
  const { _id, ...report } = await runReconciliation(db, now);
  return { ...report, id: _id };
});
