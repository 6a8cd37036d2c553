import type { DealerDoc, OrderDoc } from '../../shared/models';
import type { Actor, ApprovalRule, Order, OrderCommand, OrderDraft } from '../../shared/orders';
import { DEFAULT_ORDER_POLICY, approvalFactsOf, approvalRuleSchema, decide, evaluateApproval, newOrder, orderAmountOver } from '../../shared/orders';
import { dealerAddress } from './addresses';
import { DAY_MS, HOUR_MS, MINUTE_MS, shanghaiDayKey, startOfShanghaiDay } from '../../shared/time';
import { activity, festivalStockUp, giftSeason, summerness } from './calendar';
import type { CatalogItem, Season, WithId } from './catalog';
import { warehouseFor } from './catalog';
import type { PeoplePlan } from './people';
import { PERSONAS } from './people';
import type { Rng } from './rng';

/**
 * Twelve months of orders before the reference date. Each dealer has a size, a
 * habit (how often it orders) and a regular assortment drawn from its region's usual mix;
 * days weigh by season. Three anomalies are planted for the insight features to find, and six
 * dealers that fade out early in the year beside five that only go quiet for a while, so a churn
 * model can be back-tested on the history (docs/insights.md).
 *
 * Every order is built the way the orders function builds one: newOrder, then the commands of
 * its life through the state machine (submit → [approve_step] → ship → confirm_receipt →
 * complete), so lines, money, shipments and the audit trail are valid by construction.
 */

/**
 * Orders placed in this window before the reference date ran under today's approval rules
 * (mocks/seed/pricing.ts `buildApprovalRules`), and the channel manager has not decided the ones
 * they matched yet: the demo always opens with approvals waiting. Earlier orders ran under the
 * history's single rule below.
 */
export const LIVE_RULES_WINDOW_MS = 2 * DAY_MS;
/** SKUs out of stock now were not ordered in this window (nobody could have reserved them). */
const STOCK_WINDOW_MS = 3 * DAY_MS;

/** Price per 件 a level paid in the history, as a share of list price (rounded half up to fen). */
export const LEVEL_PRICE_RATE: Record<string, number> = { A: 0.85, B: 0.9, C: 0.95 };

/**
 * The approval rule the history ran under: 大额订单审批, payable strictly over ¥50,000 → one
 * channel-manager step (the rule type's documented example). Orders it did not match were
 * approved automatically on submit.
 */
export const HISTORY_APPROVAL_RULE: ApprovalRule = approvalRuleSchema.parse(orderAmountOver.example);
/** The threshold of that rule, fen. */
export const APPROVAL_THRESHOLD = (orderAmountOver.example.args as { thresholdFen: number }).thresholdFen;

/** Who shipped the history: the brand admin persona. */
const SHIPPER: Actor = { role: 'admin', id: PERSONAS.admin };
const SYSTEM: Actor = { role: 'system', id: 'system' };

/** Carriers per warehouse, with their tracking-number prefix and weight. */
const CARRIERS: Record<string, Array<{ name: string; prefix: string; weight: number }>> = {
  'wh-east': [
    { name: '德邦物流', prefix: 'DPK', weight: 5 },
    { name: '顺丰速运', prefix: 'SF', weight: 2 },
    { name: '中通快运', prefix: 'ZTK', weight: 3 },
  ],
  'wh-south': [
    { name: '顺丰速运', prefix: 'SF', weight: 2 },
    { name: '安能物流', prefix: 'ANE', weight: 4 },
    { name: '跨越速运', prefix: 'KY', weight: 3 },
  ],
};

/** What a few dealers wrote in the remark box. */
const REMARKS = [
  '请周一至周五白天送货',
  '到货前请提前电话联系',
  '卸货需要叉车，请安排尾板车',
  '请与上次订单合并开票',
  '仓库周日不收货',
  '急用，请尽快安排发货',
];

/** Regional taste: weight of each top-level category per region (凉茶 is handled per leaf). */
const REGION_MIX: Record<string, Record<string, number>> = {
  east: { 'cat-01': 1.0, 'cat-02': 1.3, 'cat-03': 1.1, 'cat-04': 0.9, 'cat-05': 0.9 },
  south: { 'cat-01': 0.9, 'cat-02': 1.3, 'cat-03': 1.2, 'cat-04': 0.9, 'cat-05': 0.8 },
  north: { 'cat-01': 1.1, 'cat-02': 0.9, 'cat-03': 0.8, 'cat-04': 1.4, 'cat-05': 1.3 },
  west: { 'cat-01': 1.2, 'cat-02': 1.1, 'cat-03': 0.9, 'cat-04': 1.0, 'cat-05': 0.9 },
  central: { 'cat-01': 1.1, 'cat-02': 1.0, 'cat-03': 1.0, 'cat-04': 1.1, 'cat-05': 1.0 },
};
/** 凉茶 is a southern habit: nobody in the north buys it (which makes the planted outlier stand out). */
const HERBAL_TEA_MIX: Record<string, number> = { east: 0.15, south: 2.2, north: 0, west: 0.2, central: 0.3 };

const PROFILE = {
  A: { ordersPerDay: 0.27, lines: [5, 12], boxes: 26, assortment: [55, 80] },
  B: { ordersPerDay: 0.13, lines: [3, 7], boxes: 9, assortment: [28, 45] },
  C: { ordersPerDay: 0.07, lines: [1, 4], boxes: 3, assortment: [10, 20] },
} as const;

/**
 * When each planted churner places its last order, in days before the reference date: spread from
 * March to June of the history year (with the default reference date), so a back-test scored as
 * of any month from February to August has churners ahead of it with three months to see them go.
 */
const CHURN_STOPS = [255, 228, 203, 185, 168, 150];
/** How long the churners' fading lasts before their last order, days. */
const FADE_DAYS = 120;
/** The decoys' quiet spells, [from, until) in days before the reference date: seven weeks each, ending by mid-July. */
const DECOY_QUIET: Array<[number, number]> = [
  [325, 275],
  [290, 240],
  [255, 205],
  [220, 170],
  [175, 125],
];

/** The suspended dealer stopped ordering (and was suspended for overdue payments) this long before the reference date. */
export function suspendedSinceOf(referenceDate: number): number {
  return startOfShanghaiDay(referenceDate - 120 * DAY_MS);
}

export interface Anomalies {
  /** A dealer whose orders collapse in the last 60 days (churn risk). */
  churn: { dealerId: string; dealerName: string; since: number };
  /**
   * Dealers that fade out and stop ordering early in the history year, so a health model scored
   * as of a past month can be checked against what they did next: over the 120 days before their
   * last order they order less often, in smaller lots, and pay later (mocks/seed/accounts.ts).
   */
  churners: Array<{ dealerId: string; dealerName: string; lastOrderBefore: number }>;
  /** Dealers with a quiet spell of about seven weeks that then order as before: weak months that recover. */
  decoys: Array<{ dealerId: string; dealerName: string; quietFrom: number; quietUntil: number }>;
  /** One order about ten times the dealer's usual size; payable in fen. */
  spike: { dealerId: string; dealerName: string; orderNo: string; payable: number };
  /** A dealer buying a SKU its region never buys. */
  offMix: { dealerId: string; dealerName: string; sku: string; productName: string; orderNos: string[] };
}

export interface HistoryResult {
  orders: Array<WithId<OrderDoc>>;
  anomalies: Anomalies;
  /** Order numbers of the persona dealers' orders planted to wait for the channel manager. */
  awaitingApproval: string[];
  /** Order numbers of the persona dealers' water orders received the day before the reference date. */
  receivedYesterday: string[];
}

function mixWeight(item: CatalogItem, region: string): number {
  if (item.doc.categoryId === 'cat-0203') return HERBAL_TEA_MIX[region] ?? 0;
  return REGION_MIX[region]?.[item.topCategory] ?? 1;
}

/** How much each season's products sell on a day, relative to all-year products. */
function seasonWeights(at: number): Record<Season, number> {
  return {
    summer: 0.45 + 1.2 * summerness(at),
    winter: 0.6 + 1.4 * festivalStockUp(at) + 0.8 * giftSeason(at),
    all: 1,
  };
}

function visibleTo(item: CatalogItem, dealer: WithId<DealerDoc>): boolean {
  const v = item.doc.visibility;
  return (
    (v.levels.length === 0 || v.levels.includes(dealer.level)) &&
    (v.regions.length === 0 || v.regions.includes(dealer.region)) &&
    (v.dealerIds.length === 0 || v.dealerIds.includes(dealer._id))
  );
}

/** A quantity the product's rules accept: at least the MOQ, a whole multiple. */
function validQty(item: CatalogItem, wanted: number): number {
  const { moq, multiple } = item.doc;
  return Math.ceil(Math.max(wanted, moq) / multiple) * multiple;
}

type DraftLine = OrderDraft['lines'][number];

interface Draft {
  dealer: WithId<DealerDoc>;
  createdAt: number;
  lines: DraftLine[];
  tag?: 'spike' | 'offMix' | 'awaiting' | 'receivedYesterday';
}

/** Units on hand of a SKU in a warehouse now. */
export type OnHand = (sku: string, warehouseId: string) => number;

export function buildHistory(
  rng: Rng,
  catalog: CatalogItem[],
  people: PeoplePlan,
  referenceDate: number,
  onHand: OnHand,
  liveRules: readonly ApprovalRule[],
): HistoryResult {
  const start = startOfShanghaiDay(referenceDate) - 365 * DAY_MS;
  const delistFrom = referenceDate - 150 * DAY_MS;
  const byId = new Map(catalog.map((c) => [c.doc._id, c]));

  // The planted anomalies, chosen by rule so they are stable and explainable.
  const churnDealer = people.dealers.find((d) => d.region === 'central' && d.level === 'B')!;
  const spikeDealer = people.dealers.find((d) => d.region === 'east' && d.level === 'A' && d._id !== 'dealer-001')!;
  const offMixDealer = people.dealers.find((d) => d.region === 'north' && d.level === 'B')!;
  const offMixItem = catalog.find((c) => c.doc.name === '青禾凉茶 经典 310ml')!;
  const churnSince = startOfShanghaiDay(referenceDate - 60 * DAY_MS);
  const suspendedSince = suspendedSinceOf(referenceDate);
  const { churners, decoys } = plantedChurn(people, [churnDealer, spikeDealer, offMixDealer], start, referenceDate);
  const fading = new Map(churners.map((c) => [c.dealerId, c.lastOrderBefore]));
  const quiet = new Map(decoys.map((d) => [d.dealerId, d]));

  const drafts: Draft[] = [];
  for (const dealer of people.dealers) {
    const r = rng.fork(`dealer:${dealer._id}`);
    const profile = PROFILE[dealer.level as keyof typeof PROFILE];
    // Dealers differ: some order often in small lots, some rarely in big ones.
    const habit = r.logNormal(1, 0.3) * (dealer._id === churnDealer._id ? 1.3 : 1);
    const size = r.logNormal(1, 0.45) * (dealer._id === churnDealer._id ? 1.2 : 1);
    const eligible = catalog.filter((c) => visibleTo(c, dealer) && mixWeight(c, dealer.region) > 0);
    const assortmentSize = r.int(profile.assortment[0], profile.assortment[1]);
    const eligibleBase = eligible.map((c) => mixWeight(c, dealer.region) * c.popularity);
    const assortment: CatalogItem[] = [];
    const taken = new Set<CatalogItem>();
    while (assortment.length < assortmentSize) {
      const it = pickWeighted(r, eligible, eligibleBase, (c, base) => (taken.has(c) ? 0 : base));
      if (!it) break;
      taken.add(it);
      assortment.push(it);
    }
    const assortmentBase = assortment.map((c) => mixWeight(c, dealer.region) * c.popularity);
    for (let day = start; day < referenceDate; day += DAY_MS) {
      if (day < startOfShanghaiDay(dealer.joinedAt)) continue;
      if (dealer.status === 'suspended' && day >= suspendedSince) break;
      let rate = profile.ordersPerDay * habit * activity(day + 12 * HOUR_MS);
      if (dealer._id === churnDealer._id && day >= churnSince) rate *= 0.08;
      // A churner fades: down to a third as often and half the lot size by its last order, then nothing.
      const stop = fading.get(dealer._id);
      const fade = stop === undefined ? 0 : Math.max(0, Math.min(1, (day - (stop - FADE_DAYS * DAY_MS)) / (FADE_DAYS * DAY_MS)));
      if (stop !== undefined && day >= stop) break;
      rate *= 1 - 0.65 * fade;
      // A decoy goes quiet for seven weeks (a slow season of its own, a shop refit), then restocks.
      const spell = quiet.get(dealer._id);
      if (spell && day >= spell.quietFrom && day < spell.quietUntil) rate *= 0.1;
      else if (spell && day >= spell.quietUntil && day < spell.quietUntil + 30 * DAY_MS) rate *= 1.4;
      if (!r.chance(Math.min(0.9, rate))) continue;
      const createdAt = day + 8 * HOUR_MS + r.int(30, 13 * 60) * MINUTE_MS + r.int(0, 59) * 1000;
      const available = (c: CatalogItem) => c.doc.status === 'on_sale' || createdAt < delistFrom;
      const lineCount = r.int(profile.lines[0], profile.lines[1]);
      const chosen = new Set<CatalogItem>();
      const season = seasonWeights(createdAt);
      const weight = (c: CatalogItem, base: number) => (available(c) && !chosen.has(c) ? base * season[c.season] : 0);
      for (let i = 0; i < lineCount * 3 && chosen.size < lineCount; i++) {
        // Mostly the dealer's regular assortment, now and then anything it may buy.
        const [from, base] = r.chance(0.9) ? [assortment, assortmentBase] : [eligible, eligibleBase];
        const picked = pickWeighted(r, from, base, weight);
        if (!picked) break;
        chosen.add(picked);
      }
      const sizeNow = (dealer._id === churnDealer._id && day >= churnSince ? 0.4 : 1) * (1 - 0.5 * fade);
      const lines = [...chosen].map((item) => {
        const factor = item.doc.packUnits[1]?.factor ?? 1;
        const boxes = Math.max(1, Math.round(r.logNormal(profile.boxes * size * sizeNow, 0.55)));
        return line(item, dealer.level, validQty(item, boxes * factor));
      });
      if (lines.length > 0) drafts.push({ dealer, createdAt, lines });
    }
  }

  // Spike: one order about ten times the dealer's usual, in late August.
  {
    const r = rng.fork('anomaly:spike');
    const day = startOfShanghaiDay(referenceDate - 68 * DAY_MS);
    const createdAt = day + 10 * HOUR_MS + 17 * MINUTE_MS;
    const items = r.sample(
      catalog.filter((c) => c.doc.status === 'on_sale' && visibleTo(c, spikeDealer) && c.season === 'summer' && c.doc.categoryId !== 'cat-0203'),
      14,
    );
    const lines = items.map((item) => {
      const factor = item.doc.packUnits[1]?.factor ?? 1;
      return line(item, spikeDealer.level, validQty(item, r.int(380, 560) * factor));
    });
    drafts.push({ dealer: spikeDealer, createdAt, lines, tag: 'spike' });
  }
  // Off-mix: a northern dealer starts buying a southern 凉茶 in the last six weeks.
  {
    const r = rng.fork('anomaly:offmix');
    for (const daysBefore of [41, 23]) {
      const createdAt = startOfShanghaiDay(referenceDate - daysBefore * DAY_MS) + 15 * HOUR_MS + r.int(0, 50) * MINUTE_MS;
      const factor = offMixItem.doc.packUnits[1]?.factor ?? 1;
      const usual = r.sample(
        catalog.filter((c) => c.doc.status === 'on_sale' && visibleTo(c, offMixDealer) && mixWeight(c, 'north') > 0),
        3,
      );
      const lines = [
        line(offMixItem, offMixDealer.level, validQty(offMixItem, r.int(60, 90) * factor)),
        ...usual.map((item) => line(item, offMixDealer.level, validQty(item, r.int(5, 12) * (item.doc.packUnits[1]?.factor ?? 1)))),
      ];
      drafts.push({ dealer: offMixDealer, createdAt, lines, tag: 'offMix' });
    }
  }

  // Awaiting approval: each persona dealer placed an order of ¥15,000–¥30,000 yesterday afternoon,
  // which today's ¥10,000 rule sent to its region's channel manager, who has not decided yet.
  {
    const r = rng.fork('planted:awaiting');
    for (const openid of [PERSONAS.dealerA, PERSONAS.dealerB]) {
      const dealerId = people.users.find((u) => u.openid === openid)?.dealerId;
      const dealer = people.dealers.find((d) => d._id === dealerId);
      if (!dealer) throw new Error(`seed: no dealer for ${openid}`);
      const wh = warehouseFor(dealer.region);
      const createdAt = startOfShanghaiDay(referenceDate - DAY_MS) + 16 * HOUR_MS + r.int(0, 50) * MINUTE_MS;
      const items = r.sample(
        catalog.filter((c) => c.doc.status === 'on_sale' && visibleTo(c, dealer) && mixWeight(c, dealer.region) > 0 && onHand(c.doc.sku, wh) > 0),
        4,
      );
      const target = r.int(1_500_000, 3_000_000);
      const perItem = Math.ceil(target / items.length);
      const lines = items.map((item) => {
        const unit = line(item, dealer.level, 1).unitPrice;
        const factor = item.doc.packUnits[1]?.factor ?? 1;
        return line(item, dealer.level, validQty(item, Math.ceil(perItem / unit / factor) * factor));
      });
      drafts.push({ dealer, createdAt, lines, tag: 'awaiting' });
    }
  }
  // Received yesterday: each persona dealer confirmed receipt of a water order at 17:00 the day
  // before the reference date, so from the 2nd of a month on its rebate progress for the month
  // (and the quarter) is under way on whatever day the demo is seeded.
  {
    const r = rng.fork('planted:received');
    for (const openid of [PERSONAS.dealerA, PERSONAS.dealerB]) {
      const dealerId = people.users.find((u) => u.openid === openid)?.dealerId;
      const dealer = people.dealers.find((d) => d._id === dealerId);
      if (!dealer) throw new Error(`seed: no dealer for ${openid}`);
      const wh = warehouseFor(dealer.region);
      const createdAt = startOfShanghaiDay(referenceDate - 3 * DAY_MS) + 9 * HOUR_MS + r.int(0, 50) * MINUTE_MS;
      const water = r.sample(
        catalog.filter((c) => c.topCategory === 'cat-01' && c.doc.status === 'on_sale' && visibleTo(c, dealer) && onHand(c.doc.sku, wh) > 0),
        2,
      );
      const lines = water.map((item) => {
        const factor = item.doc.packUnits[1]?.factor ?? 1;
        return line(item, dealer.level, validQty(item, r.int(20, 40) * factor));
      });
      drafts.push({ dealer, createdAt, lines, tag: 'receivedYesterday' });
    }
  }
  // Recent orders could only take what is in stock now.
  for (const d of drafts) {
    if (d.createdAt < referenceDate - STOCK_WINDOW_MS) continue;
    const wh = warehouseFor(d.dealer.region);
    d.lines = d.lines.filter((l) => onHand(l.sku, wh) > 0);
  }
  // Number the orders in time order. Each is played through the state machine up to the
  // reference date: most are completed, the last days' ones wait for approval, shipment,
  // receipt or the system's completion run, as they would in a live system.
  drafts.sort((x, y) => x.createdAt - y.createdAt || (x.dealer._id < y.dealer._id ? -1 : 1));
  const orders: Array<WithId<OrderDoc>> = [];
  const perDay = new Map<string, number>();
  const placed = new Map<string, number>();
  const tagged: Record<'spike' | 'offMix' | 'awaiting' | 'receivedYesterday', string[]> = { spike: [], offMix: [], awaiting: [], receivedYesterday: [] };
  const r = rng.fork('timeline');
  const extras = rng.fork('extras');
  const addresses = rng.fork('addresses');
  const addressOf = new Map(people.dealers.map((d) => [d._id, dealerAddress(addresses, d)]));
  for (const d of drafts) {
    if (d.lines.length === 0) continue;
    const orderCount = placed.get(d.dealer._id) ?? 0;
    const live = d.createdAt >= referenceDate - LIVE_RULES_WINDOW_MS;
    const rules = live ? liveRules : [HISTORY_APPROVAL_RULE];
    const approval = approvalOf(d, orderCount, rules);
    const timeline = d.tag === 'receivedYesterday' ? receivedYesterday(d, approval.required, referenceDate) : lifecycle(r, d, approval.required, live);
    const ymd = shanghaiDayKey(d.createdAt);
    const seq = (perDay.get(ymd) ?? 0) + 1;
    perDay.set(ymd, seq);
    const id = `order-${String(orders.length + 1).padStart(6, '0')}`;
    const orderNo = `SO${ymd}${String(seq).padStart(4, '0')}`;
    const carriers = CARRIERS[warehouseFor(d.dealer.region)] ?? CARRIERS['wh-east']!;
    const carrier = extras.weighted(carriers, (c) => c.weight);
    placed.set(d.dealer._id, orderCount + 1);
    const state = playOrder({
      id,
      orderNo,
      draft: d,
      timeline,
      owner: people.ownerOf.get(d.dealer._id) ?? '',
      manager: people.managerOf.get(d.dealer.region) ?? '',
      carrier: carrier.name,
      // Unique: the order's sequence number is in it.
      trackingNo: `${carrier.prefix}${shanghaiDayKey(timeline.shippedAt).slice(2)}${String(orders.length + 1).padStart(6, '0')}`,
      approval,
      referenceDate,
    });
    const { id: _id, ...rest } = state;
    orders.push({
      _id: id,
      ...rest,
      clientOrderId: `seed-${id}`,
      dealerName: d.dealer.name,
      dealerLevel: d.dealer.level,
      dealerRegion: d.dealer.region,
      address: addressOf.get(d.dealer._id) ?? null,
      remark: extras.chance(0.06) ? extras.pick(REMARKS) : '',
      source: 'seed',
      warehouseIds: [warehouseFor(d.dealer.region)],
      updatedAt: state.events[state.events.length - 1]?.at ?? d.createdAt,
    });
    if (d.tag) tagged[d.tag].push(orderNo);
  }
  const spikeOrder = orders.find((o) => o.orderNo === tagged.spike[0])!;
  return {
    orders,
    awaitingApproval: tagged.awaiting,
    receivedYesterday: tagged.receivedYesterday,
    anomalies: {
      churn: { dealerId: churnDealer._id, dealerName: churnDealer.name, since: churnSince },
      churners,
      decoys,
      spike: { dealerId: spikeDealer._id, dealerName: spikeDealer.name, orderNo: spikeOrder.orderNo, payable: spikeOrder.payable },
      offMix: {
        dealerId: offMixDealer._id,
        dealerName: offMixDealer.name,
        sku: offMixItem.doc.sku,
        productName: byId.get(offMixItem.doc._id)?.doc.name ?? '',
        orderNos: tagged.offMix,
      },
    },
  };
}

/**
 * The planted churners and decoys, chosen by rule so they are stable and explainable: in each
 * region the last level-B dealer (and in the north also the last level-C one) that is old enough to
 * have a whole year of history and plays no other planted part churns; the last level-C dealer
 * left in each region is a decoy. The persona dealers and the slow payer's candidates keep their
 * history: the credit seed leaves the churners out of its choices.
 */
function plantedChurn(people: PeoplePlan, others: ReadonlyArray<WithId<DealerDoc>>, start: number, referenceDate: number) {
  const personas = new Set(people.users.filter((u) => u.openid === PERSONAS.dealerA || u.openid === PERSONAS.dealerB).map((u) => u.dealerId));
  // dealer-040 is the dealers function's documented example (docs/dealers.md): its history stays as it was.
  const taken = new Set<string>([...others.map((d) => d._id), ...people.suspended, 'dealer-040']);
  const free = (d: WithId<DealerDoc>) => !taken.has(d._id) && !personas.has(d._id) && d.status === 'active' && d.joinedAt < start;
  const lastOf = (region: string, level: string) => people.dealers.filter((d) => d.region === region && d.level === level && free(d)).at(-1);
  const picks: Array<WithId<DealerDoc>> = [];
  for (const [region, level] of [
    ['east', 'B'],
    ['south', 'B'],
    ['north', 'B'],
    ['west', 'B'],
    ['central', 'B'],
    ['north', 'C'],
  ] as const) {
    const d = lastOf(region, level);
    if (!d) continue;
    taken.add(d._id);
    picks.push(d);
  }
  const churners = picks.map((d, i) => ({
    dealerId: d._id,
    dealerName: d.name,
    lastOrderBefore: startOfShanghaiDay(referenceDate - (CHURN_STOPS[i] ?? 150) * DAY_MS),
  }));
  const decoys = (['east', 'south', 'north', 'west', 'central'] as const).flatMap((region, i) => {
    const d = lastOf(region, 'C');
    if (!d) return [];
    taken.add(d._id);
    const [from, until] = DECOY_QUIET[i]!;
    return [
      {
        dealerId: d._id,
        dealerName: d.name,
        quietFrom: startOfShanghaiDay(referenceDate - from * DAY_MS),
        quietUntil: startOfShanghaiDay(referenceDate - until * DAY_MS),
      },
    ];
  });
  return { churners, decoys };
}

/** One item with probability proportional to weight(item, base[i]); null when every weight is 0. */
function pickWeighted(r: Rng, items: CatalogItem[], base: number[], weight: (c: CatalogItem, base: number) => number): CatalogItem | null {
  const w = items.map((c, i) => weight(c, base[i] ?? 0));
  let total = 0;
  for (const x of w) total += x;
  if (!(total > 0)) return null;
  let u = r.next() * total;
  for (let i = 0; i < items.length; i++) {
    u -= w[i] ?? 0;
    if (u < 0 && (w[i] ?? 0) > 0) return items[i] ?? null;
  }
  for (let i = items.length - 1; i >= 0; i--) if ((w[i] ?? 0) > 0) return items[i] ?? null;
  return null;
}

function line(item: CatalogItem, level: string, qty: number): DraftLine {
  // Half up to the fen: list prices are positive, so Math.round is half-up here.
  const unitPrice = Math.round(item.doc.listPrice * (LEVEL_PRICE_RATE[level] ?? 1));
  return {
    sku: item.doc.sku,
    name: item.doc.name,
    categoryId: item.doc.categoryId,
    kind: 'item',
    qty,
    listPrice: item.doc.listPrice,
    unitPrice,
    payable: qty * unitPrice,
  };
}

interface Timeline {
  /** Waited for the approvers (an approval rule matched). */
  manual: boolean;
  /** Equals createdAt when the order was approved automatically on submit; Infinity while the approvers have not decided. */
  approvedAt: number;
  shippedAt: number;
  /** When receipt was confirmed (status delivered). */
  deliveredAt: number;
  /** True: nobody confirmed and the system did, autoConfirmDays after shipping. */
  autoConfirmed: boolean;
  completedAt: number;
}

/**
 * submitted → approved (on submit, or by the region's manager within hours for big orders) →
 * shipped in one shipment (next working slot of the warehouse) → receipt confirmed by the
 * owner once the goods arrive (by distance), or by the system `autoConfirmDays` after shipping →
 * completed by the system's next hourly run. The times may lie past the reference date: the
 * order is then played only up to it. `pending`: the approvers have not decided yet.
 */
function lifecycle(r: Rng, d: Draft, manual: boolean, pending: boolean): Timeline {
  const approvedAt = manual ? (pending ? Infinity : d.createdAt + r.int(25, 6 * 60) * MINUTE_MS) : d.createdAt;
  const far = warehouseFor(d.dealer.region) === 'wh-south' ? d.dealer.region === 'west' : d.dealer.region !== 'east';
  const shippedAt = approvedAt + r.int(4 * 60, 30 * 60) * MINUTE_MS;
  const arrivedAt = shippedAt + r.int(far ? 36 * 60 : 14 * 60, far ? 96 * 60 : 48 * 60) * MINUTE_MS;
  const autoConfirmed = r.chance(0.15);
  const deliveredAt = autoConfirmed
    ? shippedAt + DEFAULT_ORDER_POLICY.autoConfirmDays * DAY_MS + r.int(1, 59) * MINUTE_MS
    : arrivedAt + r.int(10, 30 * 60) * MINUTE_MS;
  const completedAt = deliveredAt + r.int(1, 59) * MINUTE_MS;
  return { manual, approvedAt, shippedAt, deliveredAt, autoConfirmed, completedAt };
}

/** The planted delivery's life: approved on submit, shipped the next morning, received and completed yesterday afternoon. */
function receivedYesterday(d: Draft, manual: boolean, referenceDate: number): Timeline {
  if (manual) throw new Error('seed: the planted delivery must be approved on submit');
  const shippedAt = startOfShanghaiDay(d.createdAt) + DAY_MS + 10 * HOUR_MS;
  const deliveredAt = referenceDate - 7 * HOUR_MS;
  return { manual, approvedAt: d.createdAt, shippedAt, deliveredAt, autoConfirmed: false, completedAt: deliveredAt + 20 * MINUTE_MS };
}

/** What the approval rules in force said about a draft when it was submitted. */
function approvalOf(d: Draft, orderCount: number, rules: readonly ApprovalRule[]): ReturnType<typeof evaluateApproval> {
  const order = newOrder({
    id: 'draft',
    orderNo: 'draft',
    dealerId: d.dealer._id,
    lines: d.lines,
    rebateUsed: 0,
    reservations: d.lines.map((l) => ({ sku: l.sku, warehouseId: 'any', qty: l.qty })),
    createdAt: d.createdAt,
  });
  // No seeded rule reads the credit position.
  const credit = { limit: d.dealer.creditLimit, used: 0, reserved: 0 };
  return evaluateApproval(approvalFactsOf(order, { level: d.dealer.level, joinedAt: d.dealer.joinedAt, orderCount }, credit, d.createdAt), [...rules]);
}

interface PlayInput {
  id: string;
  orderNo: string;
  draft: Draft;
  timeline: Timeline;
  /** openid of the dealer's owner (submits and confirms receipt). */
  owner: string;
  /** openid of the region's channel manager (approves big orders). */
  manager: string;
  carrier: string;
  trackingNo: string;
  approval: ReturnType<typeof evaluateApproval>;
  /** Commands at or after this moment have not happened yet. */
  referenceDate: number;
}

/** The order's life through the state machine up to the reference date; throws if any command is refused (a bug here). */
function playOrder(p: PlayInput): Order {
  const { draft: d, timeline: t, approval } = p;
  const warehouseId = warehouseFor(d.dealer.region);
  let order = newOrder({
    id: p.id,
    orderNo: p.orderNo,
    dealerId: d.dealer._id,
    lines: d.lines,
    rebateUsed: 0,
    reservations: d.lines.map((l) => ({ sku: l.sku, warehouseId, qty: l.qty })),
    createdAt: d.createdAt,
  });
  const run = (command: OrderCommand, actor: Actor, at: number) => {
    if (at >= p.referenceDate) return false;
    const decision = decide(order, command, actor, at, DEFAULT_ORDER_POLICY);
    if (!decision.ok) throw new Error(`seed: ${p.orderNo} ${command.type} refused: ${decision.message}`);
    order = decision.next;
    return true;
  };
  const dealer: Actor = { role: 'dealer', id: p.owner, dealerId: d.dealer._id };
  if (approval.required !== t.manual) throw new Error(`seed: ${p.orderNo} approval does not match its timeline`);
  run({ type: 'submit', approval: { matched: approval.matched, steps: approval.steps } }, dealer, d.createdAt);
  if (approval.required) {
    // One decision per step: the region's manager, then (for the biggest orders) the brand admin as 财务.
    for (const step of approval.steps) {
      const approver: Actor = step.role === 'admin' ? { role: 'admin', id: PERSONAS.admin } : { role: 'manager', id: p.manager };
      if (!run({ type: 'approve_step' }, approver, t.approvedAt)) return order;
    }
  }
  if (
    !run(
      { type: 'ship', carrier: p.carrier, trackingNo: p.trackingNo, warehouseId, lines: order.lines.map((l) => ({ sku: l.sku, qty: l.qty })) },
      SHIPPER,
      t.shippedAt,
    )
  )
    return order;
  if (!run({ type: 'confirm_receipt' }, t.autoConfirmed ? SYSTEM : dealer, t.deliveredAt)) return order;
  run({ type: 'complete' }, SYSTEM, t.completedAt);
  return order;
}
