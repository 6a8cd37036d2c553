import { contracts } from '@shared/contracts';
import { defineAction } from '../../../_kit/router';

/** The caller's latest weekly brief (the weeklyBrief timer writes one per manager and admin each Monday), or null before the first. */
export const brief = defineAction(contracts.insights.brief, ['manager', 'admin'], async (_input, { db, caller }) => {
  const [latest] = await db.find('insight_briefs', { managerId: caller.user._id }, { orderBy: [['week', 'desc']], limit: 1 });
  if (!latest) return { brief: null };
  const { _id, ...doc } = latest;
  return { brief: { id: _id, ...doc } };
});
