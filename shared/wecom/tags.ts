/**
 * Corporate customer tags (企业客户标签): the brand tags every customer with where it came from.
 * WeCom limits: a tag or group name is at most 30 characters; a corp has at most 3,000 tags
 * (errcode 40126 beyond that).
 */
export const MAX_TAG_NAME = 30;
export const MAX_CORP_TAGS = 3000;

/** The three groups, one tag of each per relation: the dealer (channel), the clerk, the campaign. */
export const TAG_GROUPS = { channel: '渠道', clerk: '导购', campaign: '活动' } as const;
export type TagKind = keyof typeof TAG_GROUPS;

export interface WantedTag {
  kind: TagKind;
  group: string;
  name: string;
}

/** Length in characters as WeCom counts them (code points, so 张 is one). */
export function charLength(s: string): number {
  return Array.from(s).length;
}

/** At most `max` characters: longer text keeps its start and ends with … */
export function fitName(label: string, max = MAX_TAG_NAME): string {
  const chars = Array.from(label.trim().replace(/\s+/g, ' '));
  if (chars.length <= max) return chars.join('');
  return chars.slice(0, Math.max(1, max - 1)).join('') + '…';
}

/**
 * A name that stays unique by ending in an id: `label·id`, the label shortened first so the id
 * always survives (two clerks both named 张伟 get two tags).
 */
export function fitNameWithId(label: string, id: string, max = MAX_TAG_NAME): string {
  const idChars = charLength(id);
  if (idChars + 2 > max) return fitName(`${label}·${id}`, max);
  return `${fitName(label, max - idChars - 1)}·${id}`;
}

export interface TagSubjects {
  dealer: { id: string; name: string } | null;
  clerk: { userId: string; name: string } | null;
  campaign: { id: string; name: string | null } | null;
}

/** The tags one relation should carry. No dealer means the customer came to the brand directly. */
export function wantedTags(s: TagSubjects): WantedTag[] {
  const out: WantedTag[] = [{ kind: 'channel', group: TAG_GROUPS.channel, name: s.dealer ? fitName(s.dealer.name) : '品牌直营' }];
  if (s.clerk) out.push({ kind: 'clerk', group: TAG_GROUPS.clerk, name: fitNameWithId(s.clerk.name, s.clerk.userId) });
  if (s.campaign) out.push({ kind: 'campaign', group: TAG_GROUPS.campaign, name: s.campaign.name ? fitName(s.campaign.name) : fitName(s.campaign.id) });
  return out;
}

/** The corp's tags as get_corp_tag_list returns them (deleted ones left out). */
export interface CorpTagGroup {
  groupId: string;
  groupName: string;
  tags: Array<{ id: string; name: string }>;
}

export interface TagPlan {
  /** Wanted tags that already exist: `group/name` → tag id. */
  existing: Record<string, string>;
  /** Tags to create, per group (the group by id when it exists, else by name). */
  create: Array<{ groupName: string; groupId: string | null; names: string[] }>;
  /** Wanted tags that cannot be created without passing the corp's limit. */
  overLimit: WantedTag[];
}

export const tagKey = (group: string, name: string) => `${group}/${name}`;

/** Decide which wanted tags exist, which to create, and which the 3,000-tag limit forbids. */
export function planTags(wanted: readonly WantedTag[], corp: readonly CorpTagGroup[], limit = MAX_CORP_TAGS): TagPlan {
  const existing: Record<string, string> = {};
  const index = new Map<string, string>();
  let total = 0;
  for (const g of corp) {
    for (const t of g.tags) {
      index.set(tagKey(g.groupName, t.name), t.id);
      total++;
    }
  }
  const create = new Map<string, { groupName: string; groupId: string | null; names: string[] }>();
  const overLimit: WantedTag[] = [];
  for (const w of wanted) {
    const key = tagKey(w.group, w.name);
    const id = index.get(key);
    if (id) {
      existing[key] = id;
      continue;
    }
    const entry = create.get(w.group) ?? { groupName: w.group, groupId: corp.find((g) => g.groupName === w.group)?.groupId ?? null, names: [] };
    if (entry.names.includes(w.name)) continue;
    if (total >= limit) {
      overLimit.push(w);
      continue;
    }
    total++;
    entry.names.push(w.name);
    create.set(w.group, entry);
  }
  return { existing, create: [...create.values()], overLimit };
}

/**
 * A tag as people read it: a clerk tag's name ends in the WeCom account id only to stay unique in
 * WeCom (fitNameWithId), so the app shows the clerk's name alone (张晓丽, not 张晓丽·zhangxiaoli).
 */
export function tagLabel(tag: Pick<WantedTag, 'kind' | 'name'>, userId: string): string {
  if (tag.kind !== 'clerk') return tag.name;
  if (tag.name.endsWith(`·${userId}`)) return tag.name.slice(0, -(userId.length + 1));
  const cut = tag.name.lastIndexOf('·');
  return cut > 0 ? tag.name.slice(0, cut) : tag.name;
}
