import type { StepRunner } from './context';

/**
 * Rebates settled: every settlement of a closed period credited to the wallet before the wallet
 * is emptied. Crediting is the rebates function's (it recomputes against returns first), so a
 * pending settlement keeps this step blocked with the call that credits it.
 */
export const rebates: StepRunner = async ({ db, doc }) => {
  const pending = await db.findAll('rebate_settlements', { dealerId: doc.dealerId, status: 'pending' });
  if (pending.length === 0) return { done: true, result: { settled: 0, pending: 0 } };
  const periods = [...new Set(pending.map((s) => s.record.period))].sort();
  return {
    done: false,
    reason: `${pending.length} 笔返利结算待入账（${periods.join('、')}）：请运行 rebates.approveSettlements {"period":"${periods[0]}","dealerId":"${doc.dealerId}"} 后重新执行清退`,
    result: { pending: pending.length, periods },
  };
};
