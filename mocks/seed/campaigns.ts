import type {
  CampaignCodeDoc,
  CampaignCouponDoc,
  CampaignDoc,
  CampaignKit,
  CampaignLeadDoc,
  CampaignStatsDoc,
  CampaignVisitDoc,
  CampaignVisitorDoc,
  PosterTemplate,
} from '../../shared/campaigns';
import { couponCodeFromBytes, deriveCode, periodRange } from '../../shared/campaigns';
import type { DealerDoc, UserDoc } from '../../shared/models';
import { DAY_MS, formatShanghai, HOUR_MS, shanghaiDayKey } from '../../shared/time';
import type { WithId } from './catalog';
import type { Rng } from './rng';

/**
 * Demo campaigns (活动物料) and their attributed history: a running winter campaign that every
 * dealer may share, a finished summer campaign with a full funnel, an upcoming level-A-only one in
 * 华东 and a draft. Visits, leads, coupons and redemptions are generated as raw events, and the
 * funnel counters (campaign_stats) are folded from exactly those events, so the seeded funnel
 * equals a direct count.
 */
export interface CampaignSeed {
  campaigns: Array<WithId<CampaignDoc>>;
  campaign_codes: Array<WithId<CampaignCodeDoc>>;
  campaign_visitors: Array<WithId<CampaignVisitorDoc & { seen: Record<string, string> }>>;
  campaign_visits: Array<WithId<CampaignVisitDoc>>;
  campaign_leads: Array<WithId<CampaignLeadDoc>>;
  campaign_coupons: Array<WithId<CampaignCouponDoc>>;
  campaign_stats: Array<WithId<CampaignStatsDoc>>;
}

export const CAMPAIGN_IDS = { winter: 'qh-winter-2026', summer: 'qh-summer-2026', newYear: 'qh-newyear-2027', draft: 'qh-draft-tasting' } as const;

function poster(id: string, name: string, background: string, accent: string): PosterTemplate {
  return {
    id,
    name,
    width: 750,
    height: 1200,
    background,
    imageUrl: null,
    areas: [
      { kind: 'title', x: 50, y: 90, width: 650, height: 100, fontSize: 60, color: accent, align: 'center' },
      { kind: 'dealerName', x: 50, y: 720, width: 650, height: 60, fontSize: 34, color: '#1f2329', align: 'center' },
      { kind: 'code', x: 225, y: 800, width: 300, height: 300 },
      { kind: 'sharerName', x: 50, y: 1120, width: 650, height: 50, fontSize: 26, color: '#555555', align: 'center' },
    ],
  };
}

const ymd = (ms: number) => formatShanghai(ms, 'date');

function kits(referenceDate: number): Array<{ kit: CampaignKit; status: CampaignDoc['status']; publishedDaysBefore: number | null }> {
  const day = (offset: number) => ymd(referenceDate + offset * DAY_MS);
  return [
    {
      status: 'published',
      publishedDaysBefore: 18,
      kit: {
        id: CAMPAIGN_IDS.winter,
        title: '青禾暖冬 热饮季',
        // The product its posters show (a demo catalog SKU).
        productSku: 'sku-0272',
        summary: '扫码领取 ¥10 到店立减券，购买青禾热饮满 ¥50 可用',
        period: { from: day(-17), to: day(730) },
        cost: 6_000_000,
        coupon: { title: '热饮立减 ¥10', valueFen: 1000, minSpendFen: 5000, validDays: 30 },
        posters: [poster('warm', '暖冬橙', '#fff3e0', '#e65100'), poster('snow', '雪花蓝', '#e3f2fd', '#0d47a1')],
        copyTexts: [
          '天冷了，来一杯青禾热饮！扫码领 ¥10 立减券，满 ¥50 可用，门店等你～',
          '青禾暖冬热饮季开始啦：姜枣茶、桂圆红枣茶全线上新，扫码领券更优惠。',
          '【限时福利】到店出示优惠券，购买青禾热饮立减 10 元。',
        ],
        share: { title: '送你一张青禾热饮 ¥10 立减券', imageUrl: null },
        visibility: { levels: [], regions: [] },
      },
    },
    {
      status: 'published',
      publishedDaysBefore: 160,
      kit: {
        id: CAMPAIGN_IDS.summer,
        title: '夏日冰爽 第二件半价',
        // The product its posters show (a demo catalog SKU).
        productSku: 'sku-0119',
        summary: '扫码领券，青禾冰茶第二件半价（券面 ¥5）',
        period: { from: day(-150), to: day(-62) },
        cost: 3_500_000,
        coupon: { title: '冰茶立减 ¥5', valueFen: 500, minSpendFen: 2000, validDays: 14 },
        posters: [poster('ice', '冰爽绿', '#e0f7fa', '#006064')],
        copyTexts: ['夏日冰爽，青禾冰茶第二件半价！扫码领券到店用。'],
        share: { title: '青禾冰茶第二件半价，点我领券', imageUrl: null },
        visibility: { levels: [], regions: ['east', 'south'] },
      },
    },
    {
      status: 'published',
      publishedDaysBefore: 2,
      kit: {
        id: CAMPAIGN_IDS.newYear,
        title: '新春礼盒 预约有礼',
        // The product its posters show (a demo catalog SKU).
        productSku: 'sku-0169',
        summary: '春节礼盒预约，到店提货立减 ¥30',
        period: { from: day(60), to: day(110) },
        cost: 8_000_000,
        coupon: { title: '礼盒立减 ¥30', valueFen: 3000, minSpendFen: 20000, validDays: 45 },
        posters: [poster('red', '中国红', '#ffebee', '#b71c1c')],
        copyTexts: ['新春礼盒开始预约！扫码领 ¥30 立减券，到店提货时使用。'],
        share: { title: '青禾新春礼盒预约，立减 ¥30', imageUrl: null },
        visibility: { levels: ['A'], regions: ['east'] },
      },
    },
    {
      status: 'draft',
      publishedDaysBefore: null,
      kit: {
        id: CAMPAIGN_IDS.draft,
        title: '门店试饮会（草稿）',
        summary: '门店试饮活动，筹备中',
        period: { from: day(20), to: day(50) },
        cost: 500_000,
        coupon: { title: '试饮立减 ¥3', valueFen: 300, minSpendFen: 1000, validDays: 7 },
        posters: [poster('plain', '简约白', '#fafafa', '#1d4fd8')],
        copyTexts: ['青禾门店试饮会，欢迎到店品尝。'],
        share: { title: '青禾门店试饮会', imageUrl: null },
        visibility: { levels: [], regions: [] },
      },
    },
  ];
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗'.split('');

/** History of one campaign over [from, to): visitors per sharer, leads, coupons and redemptions. */
interface HistoryPlan {
  campaignId: string;
  sharers: Array<WithId<UserDoc>>;
  from: number;
  to: number;
  visitorsPerSharer: [number, number];
}

export function buildCampaigns(
  rng: Rng,
  dealers: ReadonlyArray<WithId<DealerDoc>>,
  users: ReadonlyArray<WithId<UserDoc>>,
  referenceDate: number,
): CampaignSeed {
  const out: CampaignSeed = {
    campaigns: [],
    campaign_codes: [],
    campaign_visitors: [],
    campaign_visits: [],
    campaign_leads: [],
    campaign_coupons: [],
    campaign_stats: [],
  };
  const dealerById = new Map(dealers.map((d) => [d._id, d]));
  const docs = new Map<string, WithId<CampaignDoc>>();
  for (const { kit, status, publishedDaysBefore } of kits(referenceDate)) {
    const { id, ...rest } = kit;
    const { startAt, endAt } = periodRange(kit.period);
    const created = referenceDate - ((publishedDaysBefore ?? 3) + 5) * DAY_MS;
    const doc: WithId<CampaignDoc> = {
      _id: id,
      ...rest,
      status,
      startAt,
      endAt,
      createdAt: created,
      createdBy: 'demo-admin',
      updatedAt: publishedDaysBefore === null ? created : referenceDate - publishedDaysBefore * DAY_MS,
      publishedAt: publishedDaysBefore === null ? null : referenceDate - publishedDaysBefore * DAY_MS,
      endedAt: null,
      endReason: null,
    };
    out.campaigns.push(doc);
    docs.set(id, doc);
  }

  // Sharers: the active clerks and owners of active 华东 and 华南 level-A dealers.
  const sharersOf = (regions: string[]) =>
    users.filter((u) => {
      const d = u.dealerId ? dealerById.get(u.dealerId) : undefined;
      return (
        (u.role === 'clerk' || u.role === 'dealer') && u.status === 'active' && d && d.status === 'active' && d.level === 'A' && regions.includes(d.region)
      );
    });
  const plans: HistoryPlan[] = [
    {
      campaignId: CAMPAIGN_IDS.summer,
      sharers: sharersOf(['east', 'south']),
      from: docs.get(CAMPAIGN_IDS.summer)!.startAt,
      to: docs.get(CAMPAIGN_IDS.summer)!.endAt,
      visitorsPerSharer: [20, 60],
    },
    {
      campaignId: CAMPAIGN_IDS.winter,
      sharers: sharersOf(['east']),
      from: docs.get(CAMPAIGN_IDS.winter)!.startAt,
      to: referenceDate,
      visitorsPerSharer: [5, 25],
    },
  ];

  const stats = new Map<string, WithId<CampaignStatsDoc>>();
  const codes = new Map<string, WithId<CampaignCodeDoc>>();
  const bump = (campaignId: string, code: string, at: number, delta: Partial<CampaignStatsDoc>) => {
    const day = shanghaiDayKey(at);
    const id = `${campaignId}:${code}:${day}`;
    const owner = codes.get(code)!;
    const s = stats.get(id) ?? {
      _id: id,
      campaignId,
      code,
      day,
      dealerId: owner.dealerId,
      dealerName: owner.dealerName,
      dealerRegion: owner.dealerRegion,
      clerkId: owner.clerkId,
      clerkName: owner.sharerName,
      visits: 0,
      uniqueVisitors: 0,
      leads: 0,
      redemptions: 0,
      sales: 0,
    };
    s.visits += delta.visits ?? 0;
    s.uniqueVisitors += delta.uniqueVisitors ?? 0;
    s.leads += delta.leads ?? 0;
    s.redemptions += delta.redemptions ?? 0;
    s.sales += delta.sales ?? 0;
    stats.set(id, s);
  };

  let consumerSeq = 0;
  let mobileSeq = 0;
  for (const plan of plans) {
    const campaign = docs.get(plan.campaignId)!;
    for (const sharer of plan.sharers) {
      const dealer = dealerById.get(sharer.dealerId!)!;
      const code = deriveCode(plan.campaignId, sharer._id);
      if (codes.has(code)) throw new Error(`seed: campaign code collision ${code}`);
      const codeDoc: WithId<CampaignCodeDoc> = {
        _id: code,
        campaignId: plan.campaignId,
        dealerId: dealer._id,
        clerkId: sharer._id,
        sharerOpenid: sharer.openid,
        sharerRole: sharer.role === 'dealer' ? 'dealer' : 'clerk',
        sharerName: sharer.name,
        dealerName: dealer.name,
        dealerRegion: dealer.region,
        qrFileId: null,
        createdAt: plan.from + HOUR_MS * 10,
      };
      codes.set(code, codeDoc);
      out.campaign_codes.push(codeDoc);
      const span = Math.max(1, Math.floor((plan.to - plan.from) / DAY_MS));
      const visitors = rng.int(...plan.visitorsPerSharer);
      for (let v = 0; v < visitors; v++) {
        const openid = `seed-consumer-${String(++consumerSeq).padStart(5, '0')}`;
        const firstAt = plan.from + rng.int(0, span - 1) * DAY_MS + rng.int(9, 21) * HOUR_MS + rng.int(0, 59) * 60_000;
        // Some come back on later days (each return is another visit, not another unique visitor).
        const days = [firstAt];
        while (rng.chance(0.25) && days.length < 4) {
          const again = days[days.length - 1]! + rng.int(1, 5) * DAY_MS;
          if (again < plan.to && again < referenceDate) days.push(again);
          else break;
        }
        const seen: Record<string, string> = {};
        days.forEach((at, i) => {
          const day = shanghaiDayKey(at);
          seen[code] = day;
          out.campaign_visits.push({
            _id: `${code}:${day}:${openid}`,
            campaignId: plan.campaignId,
            code,
            dealerId: dealer._id,
            clerkId: sharer._id,
            openid,
            day,
            at,
            firstInCampaign: i === 0,
          });
          bump(plan.campaignId, code, at, { visits: 1, uniqueVisitors: i === 0 ? 1 : 0 });
        });
        let couponCode: string | null = null;
        if (rng.chance(0.3)) {
          const leadAt = days[days.length - 1]! + rng.int(1, 20) * 60_000;
          const bytes = Array.from({ length: 11 }, () => rng.int(0, 255));
          couponCode = couponCodeFromBytes(bytes);
          const leadId = `${plan.campaignId}:${openid}`;
          out.campaign_leads.push({
            _id: leadId,
            campaignId: plan.campaignId,
            code,
            dealerId: dealer._id,
            clerkId: sharer._id,
            openid,
            name: `${rng.pick(SURNAMES)}${rng.chance(0.6) ? '女士' : '先生'}`,
            mobile: `137${String(++mobileSeq).padStart(8, '0')}`,
            consentAt: leadAt,
            couponCode,
            at: leadAt,
            day: shanghaiDayKey(leadAt),
          });
          bump(plan.campaignId, code, leadAt, { leads: 1 });
          const expiresAt = leadAt + campaign.coupon.validDays * DAY_MS;
          const redeemAt = leadAt + rng.int(1, campaign.coupon.validDays * 24 - 1) * HOUR_MS;
          const redeemed = rng.chance(0.45) && redeemAt < referenceDate && redeemAt < expiresAt;
          const sale = redeemed ? Math.max(campaign.coupon.minSpendFen, rng.int(20, 300) * 100 + rng.pick([0, 50, 90])) : null;
          out.campaign_coupons.push({
            _id: couponCode,
            ...campaign.coupon,
            campaignId: plan.campaignId,
            campaignTitle: campaign.title,
            code,
            dealerId: dealer._id,
            dealerName: dealer.name,
            clerkId: sharer._id,
            leadId,
            openid,
            issuedAt: leadAt,
            expiresAt,
            status: redeemed ? 'redeemed' : 'issued',
            redeemedAt: redeemed ? redeemAt : null,
            redeemedBy: redeemed ? sharer._id : null,
            redeemedByName: redeemed ? sharer.name : null,
            saleAmount: sale,
          });
          if (redeemed && sale !== null) bump(plan.campaignId, code, redeemAt, { redemptions: 1, sales: sale });
        }
        out.campaign_visitors.push({ _id: `${plan.campaignId}:${openid}`, campaignId: plan.campaignId, openid, firstCode: code, firstAt, couponCode, seen });
      }
    }
  }
  out.campaign_stats = [...stats.values()].sort((a, b) => (a._id < b._id ? -1 : 1));
  return out;
}
