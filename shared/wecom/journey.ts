import type { CampaignCouponDoc, CampaignLeadDoc, CampaignVisitDoc } from '../campaigns/types';
import { formatFen } from '../money';
import type { CustomerRecord } from './customer';

/**
 * One customer's journey: what the brand knows of one person, joined by unionid. The WeCom
 * customer record (`wecom_customers`, keyed by WeCom's external_userid, which stays the same for
 * every clerk of the corp) carries the relations to clerks and the mini-program openids linked to
 * it (linkMe / externalcontact/get, both by unionid); the campaign events of those openids and
 * WeCom's per-customer send results are read beside it. Nothing is copied: the timeline is built
 * from the records each event already writes, so it cannot drift from them, and a departure that
 * moves the record's relation to another clerk moves the whole timeline with it.
 *
 * Pure: the documents in, the timeline out; `viewerDealerId` (null for the brand) decides what of
 * another store's events is shown.
 */
export const JOURNEY_KINDS = ['added', 'transferred', 'message', 'visit', 'lead', 'coupon', 'redemption'] as const;
export type JourneyKind = (typeof JOURNEY_KINDS)[number];

export const JOURNEY_KIND_LABELS: Record<JourneyKind, string> = {
  added: '添加企业微信',
  transferred: '转交导购',
  message: '收到消息',
  visit: '访问活动页',
  lead: '留资',
  coupon: '领券',
  redemption: '到店核销',
};

export interface JourneyEntry {
  kind: JourneyKind;
  label: string;
  /** Epoch ms. */
  at: number;
  /** One line for people. */
  text: string;
  campaignId: string | null;
  campaignTitle: string | null;
  /** The campaign code (the sharer's) the event came through. */
  code: string | null;
  /** Fen: a coupon's face value, a redemption's sale. Null for another store's events. */
  amount: number | null;
  /** False for an event of another dealer's store: shown without its store, clerk or amount. */
  ownStore: boolean;
}

/** What brought the customer: the first relation's campaign code, and whether it was the clerk's 「联系我」 code. */
export interface BroughtBy {
  campaignId: string | null;
  campaignTitle: string | null;
  code: string | null;
  clerkName: string | null;
  /** contact_way: the clerk's 「联系我」 code (wecom.contactWay); code: another code with a campaign state; null: added directly. */
  via: 'contact_way' | 'code' | null;
}

/** A content task's message as the customer received it (get_groupmsg_send_result status 1). */
export interface ReceivedMessage {
  taskId: string;
  title: string;
  at: number;
  dealerId: string | null;
  clerkName: string;
}

export interface JourneySources {
  customer: CustomerRecord;
  /** WeCom userid → the member's name (wecom_staff). */
  staffNames: Readonly<Record<string, string>>;
  campaignTitles: Readonly<Record<string, string>>;
  /** `code:userId` of the 「联系我」 codes made (wecom_contact_ways). */
  contactWays: ReadonlySet<string>;
  /** Campaign code → who shared it (campaign_codes). */
  sharers: Readonly<Record<string, { dealerId: string; name: string }>>;
  messages: readonly ReceivedMessage[];
  visits: readonly CampaignVisitDoc[];
  leads: readonly CampaignLeadDoc[];
  coupons: readonly CampaignCouponDoc[];
}

export interface JourneyTotals {
  visits: number;
  leads: number;
  coupons: number;
  redemptions: number;
  /** Fen, the viewer's own store's redemptions only. */
  sales: number;
}

export interface Journey {
  broughtBy: BroughtBy;
  /** Newest first. */
  entries: JourneyEntry[];
  totals: JourneyTotals;
}

/** Same instant: the order in which one thing leads to the next. */
const ORDER: Record<JourneyKind, number> = { added: 0, transferred: 1, message: 2, visit: 3, lead: 4, coupon: 5, redemption: 6 };

export function buildJourney(src: JourneySources, viewerDealerId: string | null): Journey {
  const own = (dealerId: string | null) => viewerDealerId === null || dealerId === viewerDealerId;
  const title = (id: string | null) => (id ? (src.campaignTitles[id] ?? id) : null);
  const entry = (kind: JourneyKind, at: number, dealerId: string | null, text: string, more: Partial<JourneyEntry> = {}): JourneyEntry => {
    const mine = own(dealerId);
    const campaignId = more.campaignId ?? null;
    return {
      kind,
      label: JOURNEY_KIND_LABELS[kind],
      at,
      text: mine ? text : `在其他门店${JOURNEY_KIND_LABELS[kind]}`,
      campaignId,
      campaignTitle: title(campaignId),
      code: mine ? (more.code ?? null) : null,
      amount: mine ? (more.amount ?? null) : null,
      ownStore: mine,
    };
  };
  const sharer = (code: string) => src.sharers[code]?.name ?? '导购';
  const entries: JourneyEntry[] = [];
  for (const r of src.customer.relations) {
    const name = src.staffNames[r.userId] ?? '导购';
    const via = r.state && src.contactWays.has(`${r.state}:${r.userId}`) ? '扫「联系我」码' : r.state ? '扫活动码' : '';
    const text = r.transferredFrom ? `由${src.staffNames[r.transferredFrom] ?? '离职导购'}转交给${name}` : `${via}添加了导购${name}`;
    entries.push(entry(r.transferredFrom ? 'transferred' : 'added', r.addedAt, r.dealerId, text, { campaignId: r.campaignId, code: r.state }));
  }
  for (const m of src.messages) entries.push(entry('message', m.at, m.dealerId, `收到${m.clerkName}转发的「${m.title}」`));
  for (const v of src.visits) entries.push(entry('visit', v.at, v.dealerId, `打开了${sharer(v.code)}分享的活动页`, { campaignId: v.campaignId, code: v.code }));
  for (const l of src.leads) entries.push(entry('lead', l.at, l.dealerId, `留下了联系方式（${l.name}）`, { campaignId: l.campaignId, code: l.code }));
  for (const c of src.coupons) {
    const at = { campaignId: c.campaignId, code: c.code };
    entries.push(entry('coupon', c.issuedAt, c.dealerId, `领取了「${c.title}」`, { ...at, amount: c.valueFen }));
    if (c.status === 'redeemed' && c.redeemedAt !== null) {
      const sale = c.saleAmount ?? 0;
      entries.push(entry('redemption', c.redeemedAt, c.dealerId, `在${c.dealerName}核销，消费 ${formatFen(sale)}`, { ...at, amount: sale }));
    }
  }
  entries.sort((a, b) => b.at - a.at || ORDER[b.kind] - ORDER[a.kind]);
  const count = (k: JourneyKind) => entries.filter((e) => e.kind === k).length;
  const totals: JourneyTotals = {
    visits: count('visit'),
    leads: count('lead'),
    coupons: count('coupon'),
    redemptions: count('redemption'),
    sales: entries.filter((e) => e.kind === 'redemption').reduce((s, e) => s + (e.amount ?? 0), 0),
  };
  return { broughtBy: broughtBy(src), entries, totals };
}

/** The relation the customer came with first (a takeover is not how they came). */
function broughtBy(src: JourneySources): BroughtBy {
  const first = [...src.customer.relations].filter((r) => !r.transferredFrom).sort((a, b) => a.addedAt - b.addedAt)[0];
  if (!first) return { campaignId: null, campaignTitle: null, code: null, clerkName: null, via: null };
  return {
    campaignId: first.campaignId,
    campaignTitle: first.campaignId ? (src.campaignTitles[first.campaignId] ?? first.campaignId) : null,
    code: first.state,
    clerkName: src.staffNames[first.userId] ?? null,
    via: first.state ? (src.contactWays.has(`${first.state}:${first.userId}`) ? 'contact_way' : 'code') : null,
  };
}
