import { settleLeavingDealer } from '../../../_capabilities/rebate-settlement';
import { periodLabel } from '../../../../shared/rebates/period';
import type { StepRunner } from './context';

/**
 * Rebates settled: the periods still running (and any just ended that their close did not reach,
 * the dealer being frozen) are settled for the leaving dealer by the rules of a period close, once
 * (_capabilities/rebate-settlement), then every settlement is credited to the wallet before the
 * wallet is emptied. Crediting is the rebates function's (it recomputes against returns first),
 * so a pending settlement keeps this step blocked with the call that credits it.
 */
export const rebates: StepRunner = async ({ db, doc, now }) => {
  const dealer = await db.getById('dealers', doc.dealerId);
  const early = dealer ? await settleLeavingDealer(db, dealer, doc.startedAt, now) : { created: 0, existing: 0 };
  // The settlements of the periods settled at the offboarding, whichever run of the step wrote them.
  const settled = early.created + early.existing;
  const pending = await db.findAll('rebate_settlements', { dealerId: doc.dealerId, status: 'pending' });
  if (pending.length === 0) return { done: true, result: { settled, pending: 0 } };
  const periods = [...new Set(pending.map((s) => s.record.period))].sort();
  return {
    done: false,
    // Read by a manager on the phone (清退交接) as well as in the console: names and period labels,
    // never ids or keys; the console's call (rebates.approveSettlements) is in docs/lifecycle.md.
    reason: `${dealer?.name ?? '该经销商'}有 ${pending.length} 笔返利结算待审核入账（${periods.map((p) => periodLabel(p)).join('、')}）：请品牌财务审核入账后重新执行清退`,
    result: { pending: pending.length, periods, settled },
  };
};
