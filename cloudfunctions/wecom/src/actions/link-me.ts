import { contracts } from '@shared/contracts';
import { PUBLIC } from '@shared/roles';
import type { Db } from '../../../_kit/db';
import { defineAction } from '../../../_kit/router';
import { wxContext } from '../../../_kit/sdk';

/** Remember the openid under its unionid, so a customer whose profile is synced later links too (sync-contact reads it). */
async function remember(db: Db, unionid: string, openid: string, now: number): Promise<void> {
  const known = await db.getById('wecom_links', unionid);
  if (known?.openids.includes(openid)) return;
  await db.transaction(async (tx) => {
    const link = await tx.get('wecom_links', unionid);
    await tx.set('wecom_links', unionid, { openids: [...new Set([...(link?.openids ?? []), openid])], updatedAt: now });
  });
}

/**
 * A mini-program user (a consumer) joins their WeCom customer record, which makes their campaign
 * visits, lead, coupons and redemptions part of that customer's journey (wecom.customerJourney).
 * The campaign landing page calls it. The unionid comes from the platform, never the payload:
 * getWXContext().UNIONID is present only when the mini-program is bound to the same WeChat Open
 * Platform account as the corp (UnionID 机制说明:
 * https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/union-id.html); WeCom's
 * externalcontact/get gives the customer's unionid under the same binding
 * (https://developer.work.weixin.qq.com/document/path/92114). Without one nothing is written.
 * A second call writes nothing either.
 */
export const linkMe = defineAction(contracts.wecom.linkMe, [PUBLIC], async (_input, { db, caller, now }) => {
  const unionid = wxContext().UNIONID;
  if (!caller.openid || !unionid) return { linked: false, customers: 0 };
  const openid = caller.openid;
  await remember(db, unionid, openid, now);
  const customers = await db.find('wecom_customers', { unionid }, { limit: 10 });
  for (const c of customers) {
    if (c.linkedOpenids.includes(openid)) continue;
    await db.transaction(async (tx) => {
      const cur = await tx.get('wecom_customers', c._id);
      if (cur && !cur.linkedOpenids.includes(openid))
        await tx.set('wecom_customers', c._id, { ...cur, linkedOpenids: [...cur.linkedOpenids, openid], updatedAt: now });
    });
  }
  return { linked: customers.length > 0, customers: customers.length };
});
