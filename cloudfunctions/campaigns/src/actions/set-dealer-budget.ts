import { contracts } from '@shared/contracts';
import type { CampaignBudgetDoc } from '@shared/documents';
import { audit } from '../../../_kit/audit';
import { refuse } from '../../../_kit/db';
import { defineAction } from '../../../_kit/router';
import { BRAND } from '../lib';

/**
 * A dealer's own budget for a campaign (陈列费、地推…), fen, set absolutely: the same value again
 * changes nothing; 0 removes it. The dealer must hold a code of the campaign (it is in the ROI only
 * through its codes). Audited with the value before.
 */
export const setDealerBudget = defineAction(contracts.campaigns.setDealerBudget, BRAND, async ({ campaignId, dealerId, budgetFen }, { db, caller, now }) =>
  db.transaction(async (tx) => {
    const [c, code] = await Promise.all([tx.get('campaigns', campaignId), db.findOne('campaign_codes', { campaignId, dealerId })]);
    if (!c) refuse('NOT_FOUND', `没有编号为 ${campaignId} 的活动`);
    if (!code) refuse('NOT_FOUND', `经销商 ${dealerId} 在这个活动里还没有推广码，预算无处计入`);
    const id = `${campaignId}:${dealerId}`;
    const before = await tx.get('campaign_budgets', id);
    const previousFen = before?.budgetFen ?? 0;
    if (previousFen === budgetFen) return { campaignId, dealerId, budgetFen, previousFen };
    if (budgetFen === 0) await tx.remove('campaign_budgets', id);
    else await tx.set('campaign_budgets', id, { campaignId, dealerId, budgetFen, updatedAt: now, updatedBy: caller.actorId } satisfies CampaignBudgetDoc);
    await audit(tx, {
      action: 'campaigns.setDealerBudget',
      target: { coll: 'campaign_budgets', id },
      actorId: caller.actorId,
      at: now,
      before: { budgetFen: previousFen },
      after: { budgetFen },
    });
    return { campaignId, dealerId, budgetFen, previousFen };
  }),
);
