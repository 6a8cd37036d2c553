import { WecomApiError } from '../api';
import type { JobHandler } from './context';

/**
 * Fetch the customer's profile (externalcontact/get): name, avatar, type and — when the corp is
 * bound to a WeChat Open Platform account — the unionid, which links the customer to the
 * mini-program users seen with it (wecom_links).
 */
export const syncContactJob: JobHandler = async (job, { db, api, now }) => {
  const externalUserId = String(job.payload['externalUserId']);
  let detail;
  try {
    detail = await api.getContact(externalUserId);
  } catch (e) {
    // 84061: no relation any more (deleted meanwhile). Nothing to fetch; the record stays as it is.
    if (e instanceof WecomApiError && e.errcode === 84061) return { result: { skipped: 'no relation' } };
    throw e;
  }
  const c = detail.external_contact;
  const unionid = c.unionid ? c.unionid : null;
  const link = unionid ? await db.getById<{ openids: string[] }>('wecom_links', unionid) : null;
  await db.transaction(async (tx) => {
    const current = await tx.get('wecom_customers', externalUserId);
    if (!current) return;
    const linked = new Set([...current.linkedOpenids, ...(link?.openids ?? [])]);
    await tx.set('wecom_customers', externalUserId, {
      ...current,
      name: c.name ?? current.name,
      avatar: c.avatar ?? current.avatar,
      type: c.type ?? current.type,
      unionid: unionid ?? current.unionid,
      linkedOpenids: [...linked],
      profileSyncedAt: now,
      updatedAt: now,
    });
  });
  return { result: { name: c.name ?? null, unionid, linked: link?.openids.length ?? 0 } };
};
