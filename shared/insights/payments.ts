/**
 * Receivable ageing and the payment-delay detector. Payments (and returns' credits) clear a
 * dealer's oldest charges first, so what is still owed is its latest shipments adding up to the
 * receivable; each falls due its payment term (账期) after delivery. A dealer is late when the
 * oldest amount it owes is past due by clearly more than it usually is: dealers that pay monthly
 * run a few weeks past a 30-day term as a matter of course, and that is their rhythm, not news.
 */
import { regionName } from '../dealer';
import type { InsightAlert } from './anomalies';
import { dayOf } from './sales';

const DAY_MS = 86_400_000;

/** What a shipment put on a dealer's receivable: booked when shipped, due `termDays` after the order's delivery. */
export interface Charge {
  dealerId: string;
  orderNo: string;
  /** When it was booked (the shipment), epoch ms. */
  at: number;
  /** When the goods were delivered (the term runs from then); null while on the way. */
  deliveredAt: number | null;
  amount: number;
}

/** A payment, or a return's credit: it lowers the receivable when it happens. */
export interface Credit {
  dealerId: string;
  at: number;
  amount: number;
}

export interface PaymentFacts {
  dealers: ReadonlyArray<{ _id: string; name: string; region: string; paymentTermDays?: number | undefined }>;
  /** Charges and credits from `since` on (older ones are not needed: see `ageAt`). */
  charges: ReadonlyArray<Charge>;
  credits: ReadonlyArray<Credit>;
  /** Each dealer's receivable at `now` (its account), fen. */
  receivableNow: ReadonlyMap<string, number>;
  now: number;
  /** The start of the charges loaded: a receivable older than every charge counts as booked then. */
  since: number;
  /** The brand's 账期 for a dealer without its own. */
  defaultTermDays: number;
}

export interface Ageing {
  receivable: number;
  /** Owed and past its due date, fen. */
  overdueAmount: number;
  /** Days the oldest amount owed is past its due date (0 when nothing is). */
  overdueDays: number;
  /** The order of the oldest amount owed past due (null when older than the charges loaded). */
  oldestOrderNo: string | null;
}

/** Charges and credits per dealer, each list sorted by time. */
function byDealer(facts: PaymentFacts) {
  const out = new Map<string, { charges: Charge[]; credits: Credit[] }>();
  const of = (id: string) => out.get(id) ?? out.set(id, { charges: [], credits: [] }).get(id)!;
  for (const c of facts.charges) of(c.dealerId).charges.push(c);
  for (const c of facts.credits) of(c.dealerId).credits.push(c);
  for (const v of out.values()) v.charges.sort((a, b) => a.at - b.at);
  return out;
}

/**
 * A dealer's ageing at `asOf`: its receivable then (now's, less what was booked since, plus what
 * was paid since), owed by its latest charges booked before `asOf`, each past due when its
 * delivery plus the term lies before `asOf`.
 */
export function ageAt(
  list: { charges: ReadonlyArray<Charge>; credits: ReadonlyArray<Credit> },
  receivableNow: number,
  termDays: number,
  asOf: number,
  since: number,
): Ageing {
  let receivable = receivableNow;
  for (const c of list.charges) if (c.at >= asOf) receivable -= c.amount;
  for (const c of list.credits) if (c.at >= asOf) receivable += c.amount;
  let left = receivable;
  let overdueAmount = 0;
  let oldestDue = Infinity;
  let oldestOrderNo: string | null = null;
  for (let i = list.charges.length - 1; i >= 0 && left > 0; i--) {
    const c = list.charges[i]!;
    if (c.at >= asOf) continue;
    const owed = Math.min(left, c.amount);
    left -= owed;
    const due = c.deliveredAt !== null && c.deliveredAt < asOf ? c.deliveredAt + termDays * DAY_MS : Infinity;
    if (due < asOf) {
      overdueAmount += owed;
      if (due <= oldestDue) {
        oldestDue = due;
        oldestOrderNo = c.orderNo;
      }
    }
  }
  // Owed beyond every charge loaded: booked before `since`, so due by `since` + term at the latest.
  if (left > 0 && since + termDays * DAY_MS < asOf) {
    overdueAmount += left;
    oldestDue = Math.min(oldestDue, since + termDays * DAY_MS);
    oldestOrderNo = null;
  }
  const overdueDays = Number.isFinite(oldestDue) ? Math.floor((asOf - oldestDue) / DAY_MS) : 0;
  return { receivable, overdueAmount, overdueDays, oldestOrderNo };
}

const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('zh-CN', { maximumFractionDigits: 0 })}`;

/** Each dealer's ageing at `asOf` (dealers that owe nothing are left out). */
export function receivableAgeing(facts: PaymentFacts, asOf: number): Map<string, Ageing & { termDays: number }> {
  const lists = byDealer(facts);
  const out = new Map<string, Ageing & { termDays: number }>();
  for (const d of facts.dealers) {
    const termDays = d.paymentTermDays ?? facts.defaultTermDays;
    const a = ageAt(lists.get(d._id) ?? { charges: [], credits: [] }, facts.receivableNow.get(d._id) ?? 0, termDays, asOf, facts.since);
    if (a.receivable > 0) out.set(d._id, { ...a, termDays });
  }
  return out;
}

/**
 * Dealers whose oldest debt at `asOf` is past due by at least `minDays` and by `marginDays` more
 * than their usual (the 90th percentile of their overdue days sampled weekly over the
 * `baselineDays` before the last month), for at least `minAmount` fen.
 */
export function paymentDelays(
  facts: PaymentFacts,
  asOf: number,
  options: { minDays?: number; marginDays?: number; minAmount?: number; baselineDays?: number } = {},
): InsightAlert[] {
  // A monthly payer that lets one payment date pass is up to a month later than usual: an oversight
  // a statement fixes. More than a full cycle later than its usual means it skipped two: news.
  const { minDays = 15, marginDays = 32, minAmount = 100_000, baselineDays = 210 } = options;
  const lists = byDealer(facts);
  const alerts: InsightAlert[] = [];
  for (const d of facts.dealers) {
    const list = lists.get(d._id);
    const receivableNow = facts.receivableNow.get(d._id) ?? 0;
    if (!list || receivableNow <= 0) continue;
    const termDays = d.paymentTermDays ?? facts.defaultTermDays;
    const now = ageAt(list, receivableNow, termDays, asOf, facts.since);
    if (now.overdueDays < minDays || now.overdueAmount < minAmount) continue;
    const samples: number[] = [];
    for (let at = asOf - 30 * DAY_MS; at >= asOf - 30 * DAY_MS - baselineDays * DAY_MS && at > facts.since + termDays * DAY_MS; at -= 7 * DAY_MS)
      samples.push(ageAt(list, receivableNow, termDays, at, facts.since).overdueDays);
    samples.sort((a, b) => a - b);
    const usual = samples.length ? samples[Math.min(samples.length - 1, Math.floor(samples.length * 0.9))]! : 0;
    if (now.overdueDays < usual + marginDays) continue;
    const oldest = now.oldestOrderNo ? `最早一笔（订单 ${now.oldestOrderNo}）` : '最早一笔';
    alerts.push({
      key: `payment_delay:${d._id}`,
      kind: 'payment_delay',
      region: d.region,
      dealerId: d._id,
      sku: null,
      title: `回款逾期：${d.name}`,
      message: `${regionName(d.region)}的${d.name}应收款 ${yuan(now.receivable)}，其中 ${yuan(now.overdueAmount)} 已超过 ${termDays} 天账期；${oldest}已逾期 ${now.overdueDays} 天，而该经销商以往逾期通常不超过 ${usual} 天（截至 ${dayOf(asOf - 1)}）。请联系对方核对账目、约定回款日期，必要时暂停赊销。`,
      expected: usual,
      actual: now.overdueDays,
      orderNos: now.oldestOrderNo ? [now.oldestOrderNo] : [],
      at: asOf,
    });
  }
  return alerts;
}

/** The brand's default 账期 (as the dealers function shows a dealer without its own terms). */
export const DEFAULT_PAYMENT_TERM_DAYS = 30;

/** Payment facts from stored documents: orders' shipments, payments, returns' credits and the accounts now. */
export function paymentFactsOf(input: {
  dealers: PaymentFacts['dealers'];
  orders: ReadonlyArray<{ dealerId: string; orderNo: string; deliveredAt?: number | null; shipments?: ReadonlyArray<{ at: number; amount: number }> }>;
  payments: ReadonlyArray<Credit>;
  returns: ReadonlyArray<Credit>;
  accounts: ReadonlyArray<{ _id: string; receivable: number }>;
  now: number;
  since: number;
}): PaymentFacts {
  const charges: Charge[] = [];
  for (const o of input.orders)
    for (const s of o.shipments ?? [])
      if (s.at >= input.since) charges.push({ dealerId: o.dealerId, orderNo: o.orderNo, at: s.at, deliveredAt: o.deliveredAt ?? null, amount: s.amount });
  return {
    dealers: input.dealers,
    charges,
    credits: [...input.payments, ...input.returns].filter((c) => c.at >= input.since),
    receivableNow: new Map(input.accounts.map((a) => [a._id, a.receivable])),
    now: input.now,
    since: input.since,
    defaultTermDays: DEFAULT_PAYMENT_TERM_DAYS,
  };
}
