import { contracts } from '@shared/contracts';
import { PUBLIC } from '@shared/roles';
import { defineAction } from '../../../_kit/router';
import { wxContext } from '../../../_kit/sdk';

/**
 * A mini-program user (a consumer) links to their WeCom customer record: the platform tells the
 * unionid (getWXContext().UNIONID, present when the mini-program and the corp share an Open
 * Platform account), never the payload. Remembered in wecom_links, so a customer synced later
 * links too. Nothing reads the link yet: attributing an openid's orders and redemptions to its
 * customer is the work of the issue "WeCom, closed loop".
 */
export const linkMe = defineAction(contracts.wecom.linkMe, [PUBLIC], async (_input, { db, caller, now }) => {
  const unionid = wxContext().UNIONID;
  if (!caller.openid || !unionid) return { linked: false, customers: 0 };
  const openid = caller.openid;
  await db.transaction(async (tx) => {
    const link = await tx.get<{ openids: string[] }>('wecom_links', unionid);
    const openids = [...new Set([...(link?.openids ?? []), openid])];
    await tx.set('wecom_links', unionid, { openids, updatedAt: now });
  });
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
