import { contracts } from '@shared/contracts';
import { regionsToRead } from '../../../_capabilities/region-scope';
import { defineAction } from '../../../_kit/router';
import { healthOf } from '../views';

/** Dealer health of the caller's regions, the weakest first; `flag` keeps the churn risks or the growth room. */
export const health = defineAction(contracts.insights.health, ['manager', 'admin'], async ({ region, flag }, { db, caller, now }) => {
  const scored = await healthOf(db, regionsToRead(caller, region), now);
  const kept = flag === 'churn' ? scored.filter((h) => h.churnRisk) : flag === 'growth' ? scored.filter((h) => h.growthRoom) : scored;
  return { asOf: now, items: kept.sort((a, b) => a.score - b.score || (a.dealerId < b.dealerId ? -1 : 1)) };
});
