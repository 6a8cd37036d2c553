import type { CampaignCouponDoc, CampaignLeadDoc, CampaignVisitDoc } from '@shared/campaigns';
import type { CustomerRecord } from '@shared/wecom/customer';
import type { JourneySources, ReceivedMessage } from '@shared/wecom/journey';
import type { Db } from '../../../_kit/db';

/** get_groupmsg_send_result's status of a message the customer received (1 已发送). */
const DELIVERED = 1;
/** A customer's linked mini-program users read at most (one person rarely has more than a couple). */
const MAX_OPENIDS = 20;
/** Visits of one customer read at most: the newest (one per code per day, so months of them). */
const MAX_VISITS = 200;

/** The campaign events of the customer's linked mini-program users, newest first (campaign_* by openid). */
async function campaignEvents(db: Db, openids: readonly string[]) {
  if (openids.length === 0) return { visits: [], leads: [], coupons: [] };
  const who = { openid: db.command['in']!(openids.slice(0, MAX_OPENIDS)) };
  const [visits, leads, coupons] = await Promise.all([
    db.find('campaign_visits', who, { orderBy: [['at', 'desc']], limit: MAX_VISITS }),
    db.find('campaign_leads', who, { orderBy: [['at', 'desc']], limit: 100 }),
    db.find('campaign_coupons', who, { orderBy: [['issuedAt', 'desc']], limit: 100 }),
  ]);
  return { visits: visits as CampaignVisitDoc[], leads: leads as CampaignLeadDoc[], coupons: coupons as CampaignCouponDoc[] };
}

/** The content tasks' messages WeCom says reached the customer (the results refreshTask reads into wecom_push_sends). */
async function messagesTo(db: Db, externalUserId: string): Promise<ReceivedMessage[]> {
  const sends = await db.find('wecom_push_sends', { 'results.id': externalUserId }, { limit: 100 });
  const got = sends.filter((s) => s.results.some((r) => r.id === externalUserId && r.status === DELIVERED));
  const tasks = new Map(
    (got.length
      ? await db.getMany(
          'wecom_push_tasks',
          got.map((s) => s.taskId),
        )
      : []
    ).map((t) => [t._id, t.title]),
  );
  return got.map((s) => ({
    taskId: s.taskId,
    title: tasks.get(s.taskId) ?? '总部消息',
    at: s.sentAt ?? s.updatedAt,
    dealerId: s.dealerId,
    clerkName: s.clerkName,
  }));
}

/**
 * Everything the timeline is built from, read beside the customer's record: the linked users'
 * campaign events, the messages received, and the names of the clerks, campaigns, codes and
 * 「联系我」 codes they mention.
 */
export async function journeySources(db: Db, customer: CustomerRecord): Promise<JourneySources> {
  const [events, messages] = await Promise.all([campaignEvents(db, customer.linkedOpenids), messagesTo(db, customer.externalUserId)]);
  const rels = customer.relations;
  const userIds = [...new Set(rels.flatMap((r) => (r.transferredFrom ? [r.userId, r.transferredFrom] : [r.userId])))];
  const codes = [...new Set([...events.visits, ...events.leads, ...events.coupons].map((e) => e.code))];
  const campaignIds = [...new Set([...rels.map((r) => r.campaignId), ...events.visits.map((v) => v.campaignId), ...events.coupons.map((c) => c.campaignId)])];
  const ways = rels.filter((r) => r.state).map((r) => `cw:${r.state}:${r.userId}`);
  const [staff, campaigns, codeDocs, wayDocs] = await Promise.all([
    db.getMany('wecom_staff', userIds),
    db.getMany(
      'campaigns',
      campaignIds.filter((id): id is string => !!id),
    ),
    codes.length ? db.getMany('campaign_codes', codes) : [],
    ways.length ? db.getMany('wecom_contact_ways', ways) : [],
  ]);
  return {
    customer,
    staffNames: Object.fromEntries(staff.map((s) => [s._id, s.name])),
    campaignTitles: Object.fromEntries(campaigns.map((c) => [c._id, c.title])),
    contactWays: new Set(wayDocs.filter((w) => w.status === 'ready').map((w) => `${w.code}:${w.userId}`)),
    sharers: Object.fromEntries(codeDocs.map((c) => [c._id, { dealerId: c.dealerId, name: c.sharerName }])),
    messages,
    ...events,
  };
}
