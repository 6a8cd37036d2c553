import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { audit } from '../../../_kit/audit';
import { refuse } from '../../../_kit/db';
import { defineOpenidAction } from '../../../_kit/router';
import { consentView, visitorId } from '../lib';
import { consumer } from '../scene';

/**
 * A consumer withdraws the consent they gave with their lead (个人信息保护法 art. 15: withdrawing is
 * as easy as giving, and the processing stops): the mobile number is deleted in the same
 * transaction that records the withdrawal and its audit entry. The lead is found by the caller's
 * own OPENID, so nobody can withdraw for someone else; again, it answers the recorded withdrawal.
 */
export const withdrawConsent = defineOpenidAction(contracts.campaigns.withdrawConsent, async ({ campaignId }, { db, caller, now }) => {
  const openid = consumer(caller);
  if (openid instanceof Refusal) return openid;
  const id = visitorId(campaignId, openid);
  return db.transaction(async (tx) => {
    const lead = await tx.get('campaign_leads', id);
    if (!lead || lead.openid !== openid) refuse('NOT_FOUND', '没有找到您在这个活动留下的信息');
    if (lead.consentWithdrawnAt !== undefined) return { consent: consentView(lead) };
    const withdrawn = { ...lead, mobile: null, consentWithdrawnAt: now };
    await tx.update('campaign_leads', id, { mobile: null, consentWithdrawnAt: now });
    // The audit keeps the fact, never the number.
    await audit(tx, {
      action: 'campaigns.withdrawConsent',
      target: { coll: 'campaign_leads', id },
      actorId: openid,
      at: now,
      before: { consentAt: lead.consentAt, consentVersion: lead.consentVersion ?? null, mobile: lead.mobile ? 'present' : 'absent' },
      after: { consentWithdrawnAt: now, mobile: 'deleted' },
    });
    return { consent: consentView(withdrawn) };
  });
});
