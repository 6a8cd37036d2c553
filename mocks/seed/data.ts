import type { AccountDoc, CategoryDoc, DealerDoc, OrderDoc, PaymentDoc, ProductDoc, StockDoc, UserDoc, WarehouseDoc } from '../../shared/models';
import { buildApprovalRules, buildPriceRules } from './pricing';
import { buildRebates } from './rebates';
import type { CampaignSeed } from './campaigns';
import { buildCampaigns } from './campaigns';
import type { ApplicationSeed } from './applications';
import { buildApplications } from './applications';
import type { WecomSeed } from './wecom';
import { buildWecom } from './wecom';
import { buildEnablement } from './enablement';
import type { SeedApprovalRuleDoc, SeedRuleDoc } from './pricing';
import { levelName, regionName } from '../../shared/dealer';
import { ROLE_LABELS } from '../../shared/roles';
import type { Role } from '../../shared/roles';
import type { NearLimit, Overdue } from './accounts';
import { buildCredit } from './accounts';
import { formatShanghai, shanghaiMidnightOf, shanghaiMonthKey, startOfShanghaiDay } from '../../shared/time';
import type { WithId } from './catalog';
import { BRAND, WAREHOUSES, buildCategories, buildProducts, buildStock, delist } from './catalog';
import type { Anomalies } from './history';
import { APPROVAL_THRESHOLD, HISTORY_APPROVAL_RULE, LEVEL_PRICE_RATE, buildHistory } from './history';
import { PERSONAS, buildPeople } from './people';
import { buildTwoTier } from './two-tier';
import type { TwoTierDemo } from './two-tier';
import { Rng } from './rng';

export { PERSONAS } from './people';
export type { WithId } from './catalog';

/**
 * The demo data set, generated purely from a seed and a reference date: no clock, no
 * Math.random, so the same options give byte-identical documents.
 */
export const DEFAULT_SEED = 20261101;
/**
 * The reference date `generate()` uses when given none: a fixed day, so tests that seed without
 * saying otherwise see the same data on any calendar day. `npm run seed` and `npm start` pass
 * the start of today (`referenceDateOn`) instead, so the demo is always current.
 */
export const DEFAULT_REFERENCE_DATE = '2026-11-18T00:00:00+08:00';
/** Bumped whenever the generator's output changes shape or content. */
export const SEED_DATA_VERSION = 13;
/** The marker document (collection `system`) whose presence means "already seeded". */
export const SEED_MARKER_ID = 'seed';

export interface GenerateOptions {
  seed?: number;
  /** Epoch ms, an ISO string with offset, or a Date. */
  referenceDate?: number | string | Date;
}

/** The campaign collections the seeder fills (mocks/seed/campaigns.ts). */
const CAMPAIGN_COLLECTIONS = [
  'campaigns',
  'campaign_codes',
  'campaign_visitors',
  'campaign_visits',
  'campaign_leads',
  'campaign_coupons',
  'campaign_stats',
] as const;

/** Collections the seeder fills, in insertion order (the marker last). */
export const SEEDED_COLLECTIONS = [
  'categories',
  'products',
  'warehouses',
  'stock',
  'dealers',
  'users',
  'orders',
  'accounts',
  'payments',
  'price_rules',
  'approval_rules',
  'rebate_policies',
  'rebate_aggregates',
  'rebate_settlements',
  'rebate_policy_versions',
  'wallet_entries',
  ...CAMPAIGN_COLLECTIONS,
  'wecom_staff',
  'wecom_customers',
  'wecom_push_budget',
  'wecom_scripts',
  'dealer_applications',
  'credit_codes',
  'enablement_resources',
  'tier_prices',
  'dealer_stock',
  'system',
] as const;
export type SeededCollection = (typeof SEEDED_COLLECTIONS)[number];

export interface SeedMarker {
  kind: 'demo-data';
  version: number;
  seed: number;
  /** Epoch ms. */
  referenceDate: number;
  brand: string;
  /** Documents per collection, the marker excluded. */
  counts: Record<string, number>;
  personas: typeof PERSONAS;
  anomalies: Anomalies;
  /** Dealers planted for credit demos: just under the limit, and overdue (suspended). */
  credit: { nearLimit: NearLimit[]; overdue: Overdue[] };
  /** SKUs with no stock in any warehouse. */
  outOfStock: string[];
  offSale: string[];
  /** Persona dealers' orders planted to wait for the channel manager's approval. */
  awaitingApproval: string[];
  /** Persona dealers' water orders received the day before the reference date (this month's rebate progress). */
  receivedYesterday: string[];
  /** 二级分销: the enabled first-tier and one child, with their owners' openids (docs/two-tier.md). */
  twoTier: TwoTierDemo | null;
}

export interface SeedDataSet extends CampaignSeed, WecomSeed, ApplicationSeed, ReturnType<typeof buildEnablement> {
  categories: Array<WithId<CategoryDoc>>;
  products: Array<WithId<ProductDoc>>;
  warehouses: Array<WithId<WarehouseDoc>>;
  stock: Array<WithId<StockDoc>>;
  dealers: Array<WithId<DealerDoc>>;
  users: Array<WithId<UserDoc>>;
  orders: Array<WithId<OrderDoc>>;
  accounts: Array<WithId<AccountDoc>>;
  payments: Array<WithId<PaymentDoc>>;
  price_rules: SeedRuleDoc[];
  approval_rules: SeedApprovalRuleDoc[];
  rebate_policies: RebateSeed['rebate_policies'];
  rebate_aggregates: RebateSeed['rebate_aggregates'];
  rebate_settlements: RebateSeed['rebate_settlements'];
  rebate_policy_versions: RebateSeed['rebate_policy_versions'];
  wallet_entries: RebateSeed['wallet_entries'];
  tier_prices: ReturnType<typeof buildTwoTier>['tier_prices'];
  dealer_stock: ReturnType<typeof buildTwoTier>['dealer_stock'];
  system: Array<WithId<SeedMarker>>;
}

type RebateSeed = ReturnType<typeof buildRebates>;

/**
 * What the open orders (submitted or approved, not yet shipped) hold in the warehouses, as their
 * submit transactions would have left it. A warehouse never holds less than it has promised.
 */
function reserveOpenOrders(stock: Array<WithId<StockDoc>>, orders: ReadonlyArray<WithId<OrderDoc>>, boxOf: ReadonlyMap<string, number>): void {
  const byKey = new Map(stock.map((s) => [`${s.warehouseId}:${s.sku}`, s]));
  for (const o of orders) {
    if (o.status !== 'pending_approval' && o.status !== 'approved') continue;
    for (const r of o.reservations) {
      const s = byKey.get(`${r.warehouseId}:${r.sku}`);
      if (!s) throw new Error(`seed: ${o.orderNo} reserves ${r.sku} in ${r.warehouseId}, which has no stock row`);
      s.reserved += r.qty;
      // Whole boxes, like every stock figure the seed writes.
      const box = boxOf.get(r.sku) ?? 1;
      if (s.onHand < s.reserved) s.onHand = Math.ceil(s.reserved / box) * box;
    }
  }
}

/** The demo's reference date on a given day: the start of that day in Asia/Shanghai (what `npm run seed` and `npm start` use). */
export function referenceDateOn(now: number): number {
  return startOfShanghaiDay(now);
}

export function resolveReferenceDate(value: GenerateOptions['referenceDate']): number {
  const ms =
    value === undefined ? Date.parse(DEFAULT_REFERENCE_DATE) : value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) throw new Error(`seed: referenceDate is not a date: ${String(value)}`);
  return ms;
}

export function generate(options: GenerateOptions = {}): SeedDataSet {
  const seed = options.seed ?? DEFAULT_SEED;
  const referenceDate = resolveReferenceDate(options.referenceDate);
  const rng = new Rng(seed);

  const categories = buildCategories();
  const catalog = buildProducts(rng.fork('catalog'));
  const people = buildPeople(rng.fork('people'), referenceDate);
  // The off-mix anomaly's SKU must stay on sale and in stock.
  const keep = new Set(catalog.filter((c) => c.doc.name === '青禾凉茶 经典 310ml').map((c) => c.doc._id));
  const offSale = delist(rng.fork('delist'), catalog, 8, keep);
  const stock = buildStock(rng.fork('stock'), catalog, keep);
  const onHand = new Map(stock.docs.map((s) => [`${s.warehouseId}:${s.sku}`, s.onHand]));
  const approvalRules = buildApprovalRules(referenceDate);
  const history = buildHistory(
    rng.fork('history'),
    catalog,
    people,
    referenceDate,
    (sku, warehouseId) => onHand.get(`${warehouseId}:${sku}`) ?? 0,
    approvalRules.map((d) => d.rule),
  );
  reserveOpenOrders(stock.docs, history.orders, new Map(catalog.map((c) => [c.doc.sku, c.doc.packUnits[1]?.factor ?? 1])));
  const credit = buildCredit(rng.fork('credit'), people, history.orders, history.anomalies, referenceDate);
  const { demo: twoTier, ...twoTierDocs } = buildTwoTier(
    people.dealers,
    people.users,
    catalog.map((c) => c.doc),
    referenceDate,
  );

  const data: Omit<SeedDataSet, 'system'> = {
    categories,
    products: catalog.map((c) => c.doc),
    warehouses: WAREHOUSES.map((w) => ({ ...w, regions: [...w.regions] })),
    stock: stock.docs,
    dealers: people.dealers,
    users: people.users,
    orders: history.orders,
    payments: credit.payments,
    ...buildRebates(people.dealers, history.orders, credit.accounts, referenceDate),
    price_rules: buildPriceRules(
      rng.fork('pricing'),
      catalog.map((c) => c.doc),
      referenceDate,
    ),
    approval_rules: approvalRules,
    ...buildCampaigns(rng.fork('campaigns'), people.dealers, people.users, referenceDate),
    ...buildWecom(people.users, people.dealers, referenceDate),
    ...buildApplications(people.dealers, referenceDate),
    ...buildEnablement(referenceDate),
    ...twoTierDocs,
  };
  const counts: Record<string, number> = {};
  for (const [name, docs] of Object.entries(data)) counts[name] = docs.length;
  const marker: WithId<SeedMarker> = {
    _id: SEED_MARKER_ID,
    kind: 'demo-data',
    version: SEED_DATA_VERSION,
    seed,
    referenceDate,
    brand: BRAND,
    counts,
    personas: { ...PERSONAS },
    anomalies: history.anomalies,
    credit: { nearLimit: credit.nearLimit, overdue: credit.overdue },
    outOfStock: stock.outEverywhere,
    offSale,
    awaitingApproval: history.awaitingApproval,
    receivedYesterday: history.receivedYesterday,
    twoTier,
  };
  return { ...data, system: [marker] };
}

// ---- the description for the README ----------------------------------------------------------

export interface PersonaSummary {
  openid: string;
  name: string;
  role: Role;
  roleLabel: string;
  dealerId: string | null;
  dealerName: string | null;
  level: string | null;
  region: string | null;
  regions: string[];
}

export interface SeedSummary {
  brand: string;
  seed: number;
  referenceDate: string;
  counts: Record<string, number>;
  personas: PersonaSummary[];
  dealersByLevel: Record<string, number>;
  dealersByRegion: Record<string, number>;
  secondTier: number;
  ordersFrom: string;
  ordersTo: string;
  /** Order total per Shanghai month, fen. */
  monthlyAmount: Array<{ month: string; orders: number; amount: number }>;
  /** Orders that waited for a manager's approval (the rest were approved on submit). */
  manuallyApproved: number;
  /** Orders per status at the reference date (the last days' orders are still under way). */
  byStatus: Record<string, number>;
  /** Orders placed in the reference date's month and the month before it. */
  thisMonth: number;
  lastMonth: number;
  awaitingApproval: string[];
  receivedYesterday: string[];
  anomalies: Anomalies;
  credit: {
    /** Σ receivable of all accounts at the reference date, fen. */
    receivable: number;
    payments: number;
    paymentsAmount: number;
    paymentsByMethod: Record<string, number>;
    /** Dealers whose receivable exceeds their limit. */
    overLimit: string[];
    /** demo-dealer-a's dealer. */
    dealerA: { dealerId: string; creditLimit: number; receivable: number; headroom: number };
    nearLimit: NearLimit[];
    overdue: Overdue[];
  };
  outOfStock: string[];
  offSale: string[];
  restricted: { levelA: number; regional: number };
}

const PERSONA_ORDER = [PERSONAS.dealerA, PERSONAS.dealerB, PERSONAS.clerk, PERSONAS.manager, PERSONAS.admin];

export function summarize(data: SeedDataSet): SeedSummary {
  const marker = data.system[0];
  if (!marker) throw new Error('seed data set has no marker');
  const dealerById = new Map(data.dealers.map((d) => [d._id, d]));
  const personas = PERSONA_ORDER.map((openid): PersonaSummary => {
    const u = data.users.find((x) => x.openid === openid);
    if (!u) throw new Error(`persona ${openid} missing`);
    const d = u.dealerId ? dealerById.get(u.dealerId) : undefined;
    return {
      openid,
      name: u.name,
      role: u.role,
      roleLabel: ROLE_LABELS[u.role],
      dealerId: u.dealerId,
      dealerName: d?.name ?? null,
      level: d?.level ?? null,
      region: d?.region ?? null,
      regions: u.regions ?? [],
    };
  });
  const tally = (values: string[]) => values.reduce<Record<string, number>>((acc, v) => ((acc[v] = (acc[v] ?? 0) + 1), acc), {});
  const months = new Map<string, { orders: number; amount: number }>();
  for (const o of data.orders) {
    const m = shanghaiMonthKey(o.createdAt);
    const e = months.get(m) ?? { orders: 0, amount: 0 };
    e.orders++;
    e.amount += o.payable;
    months.set(m, e);
  }
  const first = data.orders[0];
  const last = data.orders[data.orders.length - 1];
  return {
    brand: marker.brand,
    seed: marker.seed,
    referenceDate: new Date(marker.referenceDate).toISOString(),
    counts: { ...marker.counts },
    personas,
    dealersByLevel: tally(data.dealers.map((d) => d.level)),
    dealersByRegion: tally(data.dealers.map((d) => d.region)),
    secondTier: data.dealers.filter((d) => d.parentDealerId).length,
    ordersFrom: first ? new Date(first.createdAt).toISOString() : '',
    ordersTo: last ? new Date(last.createdAt).toISOString() : '',
    monthlyAmount: [...months.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, e]) => ({ month, ...e })),
    manuallyApproved: data.orders.filter((o) => o.approval && !o.approval.auto).length,
    byStatus: tally(data.orders.map((o) => o.status)),
    thisMonth: data.orders.filter((o) => shanghaiMonthKey(o.createdAt) === shanghaiMonthKey(marker.referenceDate)).length,
    lastMonth: data.orders.filter(
      (o) => shanghaiMonthKey(o.createdAt) === shanghaiMonthKey(shanghaiMidnightOf(`${shanghaiMonthKey(marker.referenceDate)}-01`) - 1),
    ).length,
    awaitingApproval: marker.awaitingApproval,
    receivedYesterday: marker.receivedYesterday,
    anomalies: marker.anomalies,
    credit: creditSummary(data, marker),
    outOfStock: marker.outOfStock,
    offSale: marker.offSale,
    restricted: {
      levelA: data.products.filter((p) => p.visibility.levels.length > 0).length,
      regional: data.products.filter((p) => p.visibility.regions.length > 0).length,
    },
  };
}

function creditSummary(data: SeedDataSet, marker: SeedMarker): SeedSummary['credit'] {
  const dealerA = data.users.find((u) => u.openid === PERSONAS.dealerA)?.dealerId ?? '';
  const account = data.accounts.find((a) => a._id === dealerA);
  const limit = data.dealers.find((d) => d._id === dealerA)?.creditLimit ?? 0;
  const limits = new Map(data.dealers.map((d) => [d._id, d.creditLimit]));
  const byMethod: Record<string, number> = {};
  for (const p of data.payments) byMethod[p.method] = (byMethod[p.method] ?? 0) + 1;
  return {
    receivable: data.accounts.reduce((sum, a) => sum + a.receivable, 0),
    payments: data.payments.length,
    paymentsAmount: data.payments.reduce((sum, p) => sum + p.amount, 0),
    paymentsByMethod: byMethod,
    overLimit: data.accounts.filter((a) => a.receivable + a.creditReserved > (limits.get(a._id) ?? 0)).map((a) => a._id),
    dealerA: {
      dealerId: dealerA,
      creditLimit: limit,
      receivable: account?.receivable ?? 0,
      headroom: limit - (account?.receivable ?? 0) - (account?.creditReserved ?? 0),
    },
    nearLimit: marker.credit.nearLimit,
    overdue: marker.credit.overdue,
  };
}

const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const shanghaiDate = (iso: string) => formatShanghai(Date.parse(iso), 'date');

/** A Markdown description of the data set (Chinese with numbers), for the README and the CLI. */
export function describeDataSet(data: SeedDataSet): string {
  const s = summarize(data);
  const out: string[] = [];
  out.push(`### 演示数据（${s.brand}）`);
  out.push('');
  out.push(
    `种子 \`${s.seed}\`，参考日期 ${shanghaiDate(s.referenceDate)}（北京时间；历史订单为此前 12 个月：${shanghaiDate(s.ordersFrom)} 至 ${shanghaiDate(s.ordersTo)}）。` +
      `同一种子与参考日期生成的数据逐字节相同。\`npm run seed\` 与 \`npm start\` 默认以当天零点（北京时间）为参考日期，所以任何一天打开演示，上月、本月都有订单，最近几天的订单仍在途；\`--reference-date\` 可指定。`,
  );
  out.push('');
  out.push('| 集合 | 文档数 |');
  out.push('| --- | ---: |');
  for (const [name, n] of Object.entries(s.counts)) out.push(`| ${name} | ${n} |`);
  out.push('');
  out.push('演示身份（openid 即本地身份切换器里的身份）：');
  out.push('');
  out.push('| openid | 姓名 | 角色 | 所属经销商 | 级别 / 大区 |');
  out.push('| --- | --- | --- | --- | --- |');
  for (const p of s.personas) {
    const where = p.dealerName
      ? `${levelName(p.level ?? '')}（${p.level}） / ${regionName(p.region ?? '')}`
      : p.regions.length > 0
        ? `负责 ${p.regions.map(regionName).join('、')}`
        : '—';
    out.push(`| \`${p.openid}\` | ${p.name} | ${p.roleLabel}（${p.role}） | ${p.dealerName ? `${p.dealerName}（${p.dealerId}）` : '—'} | ${where} |`);
  }
  out.push('');
  const levels = Object.entries(s.dealersByLevel)
    .map(([l, n]) => `${l} 级 ${n} 家`)
    .join('、');
  const regions = Object.entries(s.dealersByRegion)
    .map(([r, n]) => `${regionName(r)} ${n}`)
    .join('、');
  out.push(`- 经销商：${levels}；${regions}；其中 ${s.secondTier} 家为二级（上级是同大区的 A 级经销商）。`);
  out.push(
    `- 商品：${s.counts['products'] ?? 0} 个 SKU，基本单位「件」（瓶/罐/盒），包装单位「箱」= 6/12/24 件；${s.offSale.length} 个已下架，` +
      `${s.restricted.levelA} 个仅 A 级可见，${s.restricted.regional} 个仅特定大区可见；${s.outOfStock.length} 个全仓缺货（${s.outOfStock.join('、')}）。`,
  );
  out.push(
    `- 历史成交价：A/B/C 级为目录价的 ${Object.values(LEVEL_PRICE_RATE)
      .map((r) => `${Math.round(r * 100)}%`)
      .join('/')}（四舍五入到分）。` +
      `每笔订单都按订单状态机走到参考日期为止：提交 → 审批 → 一次发齐（所在大区的仓库，承运商与运单号齐全）→ 确认收货（经销商本人，约 15% 为发货 10 天后系统自动确认）→ 系统完结。`,
  );
  const statusNames: Record<string, string> = {
    completed: '已完成',
    delivered: '已收货待完结',
    shipped: '已发货待收货',
    approved: '已审批待发货',
    pending_approval: '待审批',
  };
  out.push(
    `- 参考日的订单状态：${Object.entries(s.byStatus)
      .map(([k, n]) => `${statusNames[k] ?? k} ${n}`)
      .join('、')}；本月 ${s.thisMonth} 单，上月 ${s.lastMonth} 单。最近两天的订单按现行审批规则提交，命中规则的仍在等渠道经理审批` +
      `（其中演示经销商 A、B 各有一单：${s.awaitingApproval.join('、')}）；待发货订单占用库存与信用额度。` +
      `演示经销商 A、B 在参考日前一天下午各确认收货一单矿泉水（${s.receivedYesterday.join('、')}），所以每月 2 日起本月返利进度都不为零。`,
  );
  out.push(
    `- 审批：应付金额超过 ${yuan(APPROVAL_THRESHOLD)} 的订单命中规则「${HISTORY_APPROVAL_RULE.name}」（\`${HISTORY_APPROVAL_RULE.id}\`，${HISTORY_APPROVAL_RULE.code}），` +
      `由所在大区的渠道经理审批（${s.manuallyApproved} 单）；其余提交即自动审批。`,
  );
  const c = s.credit;
  const methods = Object.entries(c.paymentsByMethod)
    .map(([m, n]) => `${m} ${n}`)
    .join('、');
  out.push(
    `- 信用与回款：每家经销商一个信用账户（accounts，应收 = 已发货 − 已回款，占用 = 待发货订单的应付，返利 0）；回款 ${c.payments} 笔（${methods}），合计 ${yuan(c.paymentsAmount)}，` +
      `按各自账期月结或双周结；参考日应收合计 ${yuan(c.receivable)}，约为各家最近 2–6 周的发货。` +
      `${c.overLimit.length === 0 ? '没有经销商超出额度。' : `超出额度：${c.overLimit.join('、')}。`}`,
  );
  out.push(
    `- 演示经销商 A（${c.dealerA.dealerId}）：额度 ${yuan(c.dealerA.creditLimit)}，应收 ${yuan(c.dealerA.receivable)}，可用 ${yuan(c.dealerA.headroom)}。`,
  );
  for (const n of c.nearLimit) {
    out.push(
      `- 额度将满（信用额度演示）：${n.dealerName}（${n.dealerId}，店主 openid \`${n.ownerOpenid}\`）额度 ${yuan(n.creditLimit)}，应收 ${yuan(n.receivable)}，` +
        `仅剩 ${yuan(n.headroom)} 可用：一笔正常订单就会因信用额度不足被拒。`,
    );
  }
  for (const o of c.overdue) {
    out.push(
      `- 逾期：已暂停的 ${o.dealerName}（${o.dealerId}）仍欠 ${yuan(o.receivable)}，最后一次回款 ${o.lastPaymentAt === null ? '无' : shanghaiDate(new Date(o.lastPaymentAt).toISOString())}。`,
    );
  }
  out.push('');
  out.push('| 月份 | 订单数 | 订单金额 |');
  out.push('| --- | ---: | ---: |');
  for (const m of s.monthlyAmount) out.push(`| ${m.month} | ${m.orders} | ${yuan(m.amount)} |`);
  out.push('');
  const a = s.anomalies;
  out.push('埋设的异常（供洞察与预警功能发现）：');
  out.push(`- 流失风险：${a.churn.dealerName}（${a.churn.dealerId}）自 ${shanghaiDate(new Date(a.churn.since).toISOString())} 起订单骤减。`);
  for (const c of a.churners)
    out.push(
      `- 逐渐流失：${c.dealerName}（${c.dealerId}）下单渐稀、单量渐小、回款渐慢，${shanghaiDate(new Date(c.lastOrderBefore).toISOString())} 起不再下单。`,
    );
  for (const d of a.decoys)
    out.push(
      `- 淡季后恢复：${d.dealerName}（${d.dealerId}）${shanghaiDate(new Date(d.quietFrom).toISOString())} 至 ${shanghaiDate(new Date(d.quietUntil).toISOString())} 几乎不下单，之后照常进货。`,
    );
  out.push(`- 异常大单：${a.spike.dealerName}（${a.spike.dealerId}）的订单 ${a.spike.orderNo}，金额 ${yuan(a.spike.payable)}，约为其平时的十倍以上。`);
  out.push(
    `- 区域外品项：华北的 ${a.offMix.dealerName}（${a.offMix.dealerId}）订购了华北从不进货的「${a.offMix.productName}」（${a.offMix.sku}），订单 ${a.offMix.orderNos.join('、')}。`,
  );
  return out.join('\n');
}
