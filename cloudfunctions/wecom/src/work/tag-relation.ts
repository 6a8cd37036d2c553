import type { CorpTagGroup, WantedTag } from '@shared/wecom';
import { planTags, tagKey, wantedTags } from '@shared/wecom';
import type { Db } from '../../../_kit/db';
import type { CorpTagGroupWire, WecomApi } from '../api';
import { WecomApiError } from '../api';
import { keyId } from '../crypto';
import type { JobHandler } from './context';

const tagDocId = (group: string, name: string) => keyId('tag', tagKey(group, name));

/** The tags a relation should carry, named from the dealer, the clerk and the campaign. */
async function tagsFor(db: Db, userId: string, r: { clerkId: string | null; dealerId: string | null; campaignId: string | null }): Promise<WantedTag[]> {
  const dealer = r.dealerId ? await db.getById('dealers', r.dealerId) : null;
  const clerkUser = r.clerkId ? await db.getById('users', r.clerkId) : null;
  const staff = clerkUser ? null : await db.getById('wecom_staff', userId);
  const campaign = r.campaignId ? await db.getById<{ title?: string }>('campaigns', r.campaignId) : null;
  return wantedTags({
    dealer: dealer && r.dealerId ? { id: r.dealerId, name: dealer.name } : null,
    clerk: { userId, name: clerkUser?.name ?? staff?.name ?? userId },
    campaign: r.campaignId ? { id: r.campaignId, name: campaign?.title ?? null } : null,
  });
}

function toGroups(wire: CorpTagGroupWire[]): CorpTagGroup[] {
  return wire
    .filter((g) => !g.deleted)
    .map((g) => ({ groupId: g.group_id, groupName: g.group_name, tags: (g.tag ?? []).filter((t) => !t.deleted).map((t) => ({ id: t.id, name: t.name })) }));
}

/**
 * Tag ids for the wanted tags: from the cache, else from WeCom's tag list, creating the missing
 * ones (never past the corp's 3,000 tags). Returns the ids and the tags that could not exist.
 */
async function ensureTags(db: Db, api: WecomApi, wanted: WantedTag[], now: number): Promise<{ ids: Record<string, string>; overLimit: WantedTag[] }> {
  const ids: Record<string, string> = {};
  const missing: WantedTag[] = [];
  for (const w of wanted) {
    const cached = await db.getById('wecom_tags', tagDocId(w.group, w.name));
    if (cached) ids[tagKey(w.group, w.name)] = cached.tagId;
    else missing.push(w);
  }
  if (missing.length === 0) return { ids, overLimit: [] };

  let groups = toGroups(await api.getCorpTagList());
  let plan = planTags(missing, groups);
  for (const c of plan.create) {
    try {
      await api.addCorpTag({ groupId: c.groupId, groupName: c.groupName }, c.names);
    } catch (e) {
      // 40071: another instance created it first; the list below has it.
      if (!(e instanceof WecomApiError && e.errcode === 40071)) throw e;
    }
  }
  if (plan.create.length > 0) {
    groups = toGroups(await api.getCorpTagList());
    plan = planTags(missing, groups);
  }
  for (const w of missing) {
    const key = tagKey(w.group, w.name);
    const id = plan.existing[key];
    if (!id) continue;
    ids[key] = id;
    const groupId = groups.find((g) => g.groupName === w.group)?.groupId ?? '';
    await db.set('wecom_tags', tagDocId(w.group, w.name), { group: w.group, name: w.name, tagId: id, groupId, updatedAt: now });
  }
  return { ids, overLimit: missing.filter((w) => !ids[tagKey(w.group, w.name)]) };
}

/** Tag one relation's customer in WeCom (mark_tag) with its channel, clerk and campaign tags. */
export const tagRelationJob: JobHandler = async (job, { db, api, now }) => {
  const externalUserId = String(job.payload['externalUserId']);
  const userId = String(job.payload['userId']);
  const customer = await db.getById('wecom_customers', externalUserId);
  const relation = customer?.relations.find((r) => r.userId === userId);
  if (!customer || !relation) return { result: { skipped: 'no relation on record' } };

  const wanted = await tagsFor(db, userId, relation);
  const { ids, overLimit } = await ensureTags(db, api, wanted, now);
  const tagIds = Object.values(ids);
  // After a hand-over the relation came with the tags of the clerk who left: drop the ones it should not carry.
  const replaces = job.payload['replacesUserId'] ? customer.relations.find((r) => r.userId === job.payload['replacesUserId']) : undefined;
  const removeIds: string[] = [];
  for (const old of replaces?.tags ?? []) {
    if (ids[tagKey(old.group, old.name)]) continue;
    const cached = await db.getById('wecom_tags', tagDocId(old.group, old.name));
    if (cached) removeIds.push(cached.tagId);
  }
  try {
    if (tagIds.length > 0 || removeIds.length > 0) await api.markTag(userId, externalUserId, tagIds, removeIds);
  } catch (e) {
    if (e instanceof WecomApiError && e.errcode === 84061) return { result: { skipped: 'no relation in WeCom' } };
    if (e instanceof WecomApiError && e.errcode === 40068) {
      // A cached tag was deleted in the admin console: forget the cache, the retry re-creates it.
      for (const w of wanted) await db.remove('wecom_tags', tagDocId(w.group, w.name));
    }
    throw e;
  }
  const applied = wanted.filter((w) => ids[tagKey(w.group, w.name)]);
  const tagStatus = overLimit.length > 0 ? ('partial' as const) : ('done' as const);
  await db.transaction(async (tx) => {
    const current = await tx.get('wecom_customers', externalUserId);
    if (!current) return;
    const relations = current.relations.map((r) => (r.userId === userId ? { ...r, tags: applied, tagStatus, updatedAt: now } : r));
    await tx.set('wecom_customers', externalUserId, { ...current, relations, updatedAt: now });
  });
  return {
    result: { tags: applied.map((w) => tagKey(w.group, w.name)), tagIds, removedTagIds: removeIds, overLimit: overLimit.map((w) => tagKey(w.group, w.name)) },
  };
};
