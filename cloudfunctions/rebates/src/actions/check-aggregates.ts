import { contracts } from '@shared/contracts';
import { aggregateFrom, periodKeysAt } from '@shared/rebates';
import { CONSOLE } from '@shared/roles';
import { aggregateId } from '../../../_capabilities/rebate-ledger';
import { defineAction } from '../../../_kit/router';
import type { OrderWithReturns } from '../facts';
import { deliveriesOf } from '../facts';
import { activeDealers } from '../periods';

/** Recompute each month, quarter and year aggregate from the delivered orders (minus returns) and compare. */
export const checkAggregates = defineAction(contracts.rebates.checkAggregates, ['admin', CONSOLE], async (_input, { db }) => {
  const mismatches: Array<{ id: string; stored: number; recomputed: number }> = [];
  let checked = 0;
  for (const dealer of await activeDealers(db)) {
    const orders = await db.findAll<OrderWithReturns>('orders', { dealerId: dealer._id, deliveredAt: db.command['neq']!(null) });
    const stored = await db.findAll('rebate_aggregates', { dealerId: dealer._id });
    const periods = new Set([...stored.map((a) => a.period), ...orders.flatMap((o) => Object.values(periodKeysAt(o.deliveredAt!)))]);
    const deliveries = orders.flatMap(deliveriesOf);
    for (const month of periods) {
      const recomputed = aggregateFrom(dealer._id, month, deliveries);
      const s = stored.find((a) => a._id === aggregateId(dealer._id, month));
      checked++;
      const storedAmount = s?.total.amount ?? 0;
      if (storedAmount !== recomputed.total.amount || (s?.total.qty ?? 0) !== recomputed.total.qty) {
        mismatches.push({ id: aggregateId(dealer._id, month), stored: storedAmount, recomputed: recomputed.total.amount });
      }
    }
  }
  return { checked, mismatches };
});
