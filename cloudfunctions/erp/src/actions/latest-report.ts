import { contracts } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';

/** The newest reconciliation report, or null before the first. */
export const latestReport = defineAction(contracts.erp.latestReport, ['admin', CONSOLE], async (_input, { db }) => {
  const [latest] = await db.find('erp_reports', {}, { orderBy: [['at', 'desc']], limit: 1 });
  if (!latest) return { report: null };
  const { _id, ...report } = latest;
  return { report: { ...report, id: _id } };
});
