import { settleLeavingDealer } from '../../../_capabilities/rebate-settlement';
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
    reason: `${pending.length} 笔返利结算待入账（${periods.join('、')}）：请运行 rebates.approveSettlements {"period":"${periods[0]}","dealerId":"${doc.dealerId}"} 后重新执行清退`,
    result: { pending: pending.length, periods, settled },
  };
};
