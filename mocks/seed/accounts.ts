import type { AccountDoc, DealerDoc, OrderDoc, PaymentDoc, PaymentMethod } from '../../shared/models';
import { DAY_MS, MINUTE_MS, HOUR_MS, shanghaiDayKey, shanghaiMidnightOf, shanghaiParts, startOfShanghaiDay } from '../../shared/time';
import type { WithId } from './catalog';
import type { Anomalies } from './history';
import { suspendedSinceOf } from './history';
import type { PeoplePlan } from './people';
import { PERSONAS } from './people';
import type { Rng } from './rng';

/**
 * Credit accounts and payments (回款). Every shipment put its amount on the dealer's receivable;
 * each dealer pays it off on its own rhythm — monthly on a fixed day or every two weeks (weekly,
 * with a shorter term, for the few whose volume would otherwise have run past their credit
 * limit) — for the goods shipped up to its payment term (lag) before, by bank transfer (the exact
 * reconciled amount or a round figure) or, for big level-A payments, a bank acceptance bill.
 * A payment never exceeds what was shipped by then, so no balance ever goes negative; at the
 * reference date each dealer owes roughly its last two to six weeks of shipments.
 *
 * Planted for demos:
 * - one level-B dealer is a slow payer whose receivable sits just under its credit limit
 *   (a normal order of it fails the credit check: CREDIT_LIMIT_EXCEEDED);
 * - the suspended dealer stopped paying three to six weeks before it was suspended and still owes;
 * - the planted churners (mocks/seed/history.ts) pay later and later while they fade, up to five
 *   weeks behind their terms at their last order, and settle what they owe within a month after it.
 */

export interface NearLimit {
  dealerId: string;
  dealerName: string;
  /** openid of the dealer's owner, to act as it. */
  ownerOpenid: string;
  creditLimit: number;
  receivable: number;
  /** Held by its open orders (submitted or approved, not yet shipped), fen. */
  reserved: number;
  /** creditLimit − receivable − reserved, fen. */
  headroom: number;
}

export interface Overdue {
  dealerId: string;
  dealerName: string;
  receivable: number;
  /** The last payment, epoch ms; null when it never paid. */
  lastPaymentAt: number | null;
}

export interface CreditPlan {
  accounts: Array<WithId<AccountDoc>>;
  payments: Array<WithId<PaymentDoc>>;
  nearLimit: NearLimit[];
  overdue: Overdue[];
}

/** A churner is back on its own terms this long after its last order (and so settles its debt), days. */
const SETTLE_AFTER_DAYS = 14;
/** Payments smaller than this wait for the next date, fen. */
const MIN_PAYMENT = 50_000;
/** The near-limit dealer keeps this share of its limit free (at least ¥2,000). */
const NEAR_LIMIT_HEADROOM = 0.03;
/** How far back the near-limit dealer's payments may be held back: the shortest that finds one on the reference date. */
const SLOW_PAYER_WINDOWS = [75, 120, 180].map((days) => days * DAY_MS);
/** Payment terms keep every dealer's credit use at submit under this share of its limit. */
const MAX_CREDIT_USE = 0.9;

interface Draft {
  dealerId: string;
  amount: number;
  at: number;
  method: PaymentMethod;
  note: string;
}

interface Shipped {
  at: number;
  amount: number;
}

const monthDay = (at: number) => {
  const { month, day } = shanghaiParts(at);
  return `${month}月${day}日`;
};

/** The same day, or the Monday after a weekend. */
function workday(dayStart: number): number {
  const { weekday } = shanghaiParts(dayStart);
  return weekday === 6 ? dayStart + 2 * DAY_MS : weekday === 0 ? dayStart + DAY_MS : dayStart;
}

/** How a dealer pays: monthly on a day of the month, or every one or two weeks; for goods shipped `lagDays` before. */
interface Terms {
  cadence: 'monthly' | 7 | 14;
  lagDays: number;
  /** Day of the month (monthly). */
  payDay: number;
  /** Days after the first shipment of the first payment (weekly, bi-weekly). */
  phase: number;
}

function drawTerms(r: Rng, level: string): Terms {
  const cadence = r.chance(level === 'A' ? 0.5 : level === 'B' ? 0.35 : 0.2) ? 14 : 'monthly';
  const lagDays = level === 'A' ? r.int(12, 28) : level === 'B' ? r.int(10, 30) : r.int(7, 21);
  return { cadence, lagDays, payDay: r.int(5, 25), phase: r.int(7, 20) };
}

/** Quicker terms, tried in turn when a dealer's volume would run past its limit on its own terms. */
function quicker(t: Terms): Terms[] {
  return [
    { ...t, cadence: 14, lagDays: Math.min(t.lagDays, 14), phase: Math.min(t.phase, 14) },
    { ...t, cadence: 7, lagDays: 7, phase: Math.min(t.phase, 7) },
    { ...t, cadence: 7, lagDays: 3, phase: Math.min(t.phase, 7) },
  ];
}

/** The days a dealer pays on, from its first shipment up to `until` (exclusive). */
function paymentDays(t: Terms, firstShipment: number, until: number): number[] {
  const days: number[] = [];
  if (t.cadence !== 'monthly') {
    for (let d = startOfShanghaiDay(firstShipment) + t.phase * DAY_MS; d < until; d += t.cadence * DAY_MS) days.push(workday(d));
  } else {
    let { year, month } = shanghaiParts(firstShipment);
    for (;;) {
      const d = workday(shanghaiMidnightOf(`${year}-${String(month).padStart(2, '0')}-${String(t.payDay).padStart(2, '0')}`));
      if (d >= until) break;
      if (d > firstShipment) days.push(d);
      month++;
      if (month > 12) {
        month = 1;
        year++;
      }
    }
  }
  return days;
}

/** The payments of one dealer on its terms; `laterBy` days more lag on a pay day (a fading dealer's slowing payments). */
function duePayments(r: Rng, dealer: WithId<DealerDoc>, terms: Terms, shipped: readonly Shipped[], until: number, laterBy = (_at: number) => 0): Draft[] {
  const first = shipped[0];
  if (!first) return [];
  const out: Draft[] = [];
  let paid = 0;
  let i = 0;
  let shippedUpTo = 0;
  for (const day of paymentDays(terms, first.at, until)) {
    const at = day + 9 * HOUR_MS + r.int(0, 8 * 60) * MINUTE_MS;
    if (at >= until) break;
    const cutoff = startOfShanghaiDay(at - (terms.lagDays + laterBy(at)) * DAY_MS);
    for (; i < shipped.length && (shipped[i] as Shipped).at < cutoff; i++) shippedUpTo += (shipped[i] as Shipped).amount;
    const due = shippedUpTo - paid;
    if (due < MIN_PAYMENT) continue;
    const goods = `${monthDay(cutoff - DAY_MS)}前发货的货款`;
    let amount: number;
    let method: PaymentMethod = '银行转账';
    let note = goods;
    if (dealer.level === 'A' && due >= 20_000_000 && r.chance(0.3)) {
      method = '承兑汇票';
      amount = Math.floor(due / 1_000_000) * 1_000_000;
      note = `银行承兑汇票（6 个月），${goods}`;
    } else if (dealer.level === 'C' && due < 500_000 && r.chance(0.2)) {
      method = '现金';
      amount = due;
      note = `现金交业务员，${goods}`;
    } else {
      // After reconciling: the exact balance, or (bigger dealers, now and then) a round figure.
      amount = dealer.level !== 'C' && due >= 1_000_000 && r.chance(0.4) ? Math.floor(due / 10_000) * 10_000 : due;
    }
    if (amount <= 0) continue;
    paid += amount;
    out.push({ dealerId: dealer._id, amount, at, method, note });
  }
  return out;
}

interface Placed {
  createdAt: number;
  shippedAt: number;
  payable: number;
}

/**
 * The highest share of its limit the dealer's credit check saw at any submit: open receivables
 * (shipped before, minus paid before) + payable of its orders not yet shipped + the new order.
 */
export function peakCreditUse(orders: readonly Placed[], payments: ReadonlyArray<{ at: number; amount: number }>, limit: number): number {
  let peak = 0;
  for (const o of orders) {
    const t = o.createdAt;
    let used = 0;
    for (const x of orders) {
      if (x.shippedAt < t) used += x.payable;
      else if (x.createdAt < t) used += x.payable; // reserved by an open order
    }
    for (const p of payments) if (p.at < t) used -= p.amount;
    peak = Math.max(peak, (used + o.payable) / limit);
  }
  return peak;
}

/**
 * A slow payer's payments: the latest held back (dropped, the last one cut to a round part)
 * until the receivable sits `NEAR_LIMIT_HEADROOM` of the limit (at least ¥2,000) under it.
 */
function holdBack(payments: readonly Draft[], receivable: number, reserved: number, limit: number): Draft[] {
  const headroom = Math.max(200_000, Math.round((limit * NEAR_LIMIT_HEADROOM) / 10_000) * 10_000);
  const target = limit - headroom - reserved;
  const list = payments.map((p) => ({ ...p }));
  let balance = receivable;
  while (balance < target) {
    const last = list[list.length - 1];
    if (!last) break;
    if (balance + last.amount <= target) {
      list.pop();
      balance += last.amount;
      continue;
    }
    // Paid part of what was due, in a round figure.
    const keep = Math.floor((last.amount - (target - balance)) / 10_000) * 10_000;
    balance += last.amount - keep;
    if (keep > 0) Object.assign(last, { amount: keep, method: '银行转账', note: `部分回款，${last.note}` });
    else list.pop();
  }
  return list;
}

const sum = (xs: ReadonlyArray<{ amount: number }>) => xs.reduce((s, x) => s + x.amount, 0);

export function buildCredit(rng: Rng, people: PeoplePlan, orders: ReadonlyArray<WithId<OrderDoc>>, anomalies: Anomalies, referenceDate: number): CreditPlan {
  const shippedBy = new Map<string, Shipped[]>();
  for (const o of orders) {
    const list = shippedBy.get(o.dealerId) ?? [];
    for (const s of o.shipments) list.push({ at: s.at, amount: s.amount });
    shippedBy.set(o.dealerId, list);
  }
  for (const list of shippedBy.values()) list.sort((a, b) => a.at - b.at);
  /** Orders placed per dealer, whatever became of them (accounts keep the count). */
  const ordersOf = new Map<string, number>();
  for (const o of orders) ordersOf.set(o.dealerId, (ordersOf.get(o.dealerId) ?? 0) + 1);
  /** Credit held by open orders (their submit reserved it; shipping turns it into a receivable). */
  const reservedOf = new Map<string, number>();
  for (const o of orders) reservedOf.set(o.dealerId, (reservedOf.get(o.dealerId) ?? 0) + o.creditReserved);

  const placedBy = new Map<string, Placed[]>();
  for (const o of orders) {
    const list = placedBy.get(o.dealerId) ?? [];
    list.push({ createdAt: o.createdAt, shippedAt: o.shippedAt ?? o.createdAt, payable: o.payable });
    placedBy.set(o.dealerId, list);
  }

  const suspendedAt = suspendedSinceOf(referenceDate);
  const fadingUntil = new Map(anomalies.churners.map((c) => [c.dealerId, c.lastOrderBefore]));
  const byDealer = new Map<string, Draft[]>();
  for (const dealer of people.dealers) {
    const r = rng.fork(`payments:${dealer._id}`);
    const shipped = shippedBy.get(dealer._id) ?? [];
    // The suspended dealer stopped paying three to six weeks before it was suspended.
    const until = people.suspended.includes(dealer._id) ? suspendedAt - r.int(21, 42) * DAY_MS : referenceDate;
    // Its own terms, or quicker ones when its volume would have run past its limit: the history
    // never has an order the credit check would have refused.
    const own = drawTerms(r, dealer.level);
    const stop = fadingUntil.get(dealer._id);
    const laterBy =
      stop === undefined
        ? undefined
        : (at: number) => (at >= stop + SETTLE_AFTER_DAYS * DAY_MS ? 0 : Math.round(35 * Math.max(0, Math.min(1, 1 - (stop - at) / (120 * DAY_MS)))));
    let chosen: Draft[] = [];
    for (const [k, terms] of [own, ...quicker(own)].entries()) {
      chosen = duePayments(r.fork(`terms:${k}`), dealer, terms, shipped, until, laterBy);
      if (peakCreditUse(placedBy.get(dealer._id) ?? [], chosen, dealer.creditLimit) <= MAX_CREDIT_USE) break;
    }
    byDealer.set(dealer._id, chosen);
  }

  const receivableOf = (id: string) => sum(shippedBy.get(id) ?? []) - sum(byDealer.get(id) ?? []);

  // The slow payer: the level-B dealer (not a persona's, not an anomaly's) whose recent
  // shipments weigh most against its limit; its latest payments are held back until its
  // receivable sits just under the limit.
  const personaDealers = new Set(people.users.filter((u) => u.openid === PERSONAS.dealerA || u.openid === PERSONAS.dealerB).map((u) => u.dealerId));
  const planted = new Set([
    anomalies.churn.dealerId,
    anomalies.spike.dealerId,
    anomalies.offMix.dealerId,
    ...anomalies.churners.map((c) => c.dealerId),
    ...people.suspended,
  ]);
  const nearLimit: NearLimit[] = [];
  for (const window of SLOW_PAYER_WINDOWS) {
    const recent = (id: string) => sum((shippedBy.get(id) ?? []).filter((s) => s.at >= referenceDate - window));
    const candidates = people.dealers
      .filter((d) => d.level === 'B' && d.status === 'active' && !personaDealers.has(d._id) && !planted.has(d._id) && recent(d._id) >= d.creditLimit)
      .sort((a, b) => recent(b._id) / b.creditLimit - recent(a._id) / a.creditLimit || (a._id < b._id ? -1 : 1));
    for (const slow of candidates) {
      const reserved = reservedOf.get(slow._id) ?? 0;
      const list = holdBack(byDealer.get(slow._id) ?? [], receivableOf(slow._id), reserved, slow.creditLimit);
      // Still consistent: none of its orders would have failed the credit check.
      if (peakCreditUse(placedBy.get(slow._id) ?? [], list, slow.creditLimit) > 1) continue;
      const receivable = sum(shippedBy.get(slow._id) ?? []) - sum(list);
      const headroom = slow.creditLimit - receivable - reserved;
      // Held back as far as it could be and still not near its limit: try the next one.
      if (headroom > Math.max(200_000, slow.creditLimit * NEAR_LIMIT_HEADROOM * 1.5)) continue;
      byDealer.set(slow._id, list);
      nearLimit.push({
        dealerId: slow._id,
        dealerName: slow.name,
        ownerOpenid: people.ownerOf.get(slow._id) ?? '',
        creditLimit: slow.creditLimit,
        receivable,
        reserved,
        headroom,
      });
      break;
    }
    if (nearLimit.length > 0) break;
  }

  // Number the payments in time order: HK + Shanghai date + the day's sequence.
  const drafts = [...byDealer.values()].flat().sort((a, b) => a.at - b.at || (a.dealerId < b.dealerId ? -1 : 1));
  const perDay = new Map<string, number>();
  const payments = drafts.map((p, i): WithId<PaymentDoc> => {
    const ymd = shanghaiDayKey(p.at);
    const seq = (perDay.get(ymd) ?? 0) + 1;
    perDay.set(ymd, seq);
    return {
      _id: `payment-${String(i + 1).padStart(6, '0')}`,
      dealerId: p.dealerId,
      amount: p.amount,
      at: p.at,
      method: p.method,
      ref: `HK${ymd}${String(seq).padStart(4, '0')}`,
      note: p.note,
    };
  });

  const accounts = people.dealers.map((d): WithId<AccountDoc> => {
    const shipped = shippedBy.get(d._id) ?? [];
    const paid = byDealer.get(d._id) ?? [];
    const last = Math.max(d.joinedAt, shipped[shipped.length - 1]?.at ?? 0, paid[paid.length - 1]?.at ?? 0);
    return {
      _id: d._id,
      dealerId: d._id,
      receivable: receivableOf(d._id),
      creditReserved: reservedOf.get(d._id) ?? 0,
      rebateBalance: 0,
      orderCount: ordersOf.get(d._id) ?? 0,
      updatedAt: last,
    };
  });

  const overdue = people.dealers
    .filter((d) => people.suspended.includes(d._id))
    .map((d): Overdue => {
      const paid = byDealer.get(d._id) ?? [];
      return { dealerId: d._id, dealerName: d.name, receivable: receivableOf(d._id), lastPaymentAt: paid[paid.length - 1]?.at ?? null };
    });
  return { accounts, payments, nearLimit, overdue };
}
