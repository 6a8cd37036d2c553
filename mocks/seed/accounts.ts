import type { AccountDoc, DealerDoc, OrderDoc, PaymentDoc, PaymentMethod } from '../../shared/models';
import { DAY_MS, MINUTE_MS, HOUR_MS, shanghaiMidnight, shanghaiParts, shanghaiYmd, startOfShanghaiDay } from './calendar';
import type { WithId } from './catalog';
import type { Anomalies } from './history';
import { suspendedSinceOf } from './history';
import type { PeoplePlan } from './people';
import { PERSONAS } from './people';
import type { Rng } from './rng';

/**
 * Credit accounts and payments (回款). Every shipment put its amount on the dealer's receivable;
 * each dealer pays it off on its own rhythm — monthly on a fixed day or every two weeks — for
 * the goods shipped up to its payment term (lag) before, by bank transfer (the exact
 * reconciled amount or a round figure) or, for big level-A payments, a bank acceptance bill.
 * A payment never exceeds what was shipped by then, so no balance ever goes negative; at the
 * reference date each dealer owes roughly its last two to six weeks of shipments.
 *
 * Planted for demos:
 * - one level-B dealer is a slow payer whose receivable sits just under its credit limit
 *   (a normal order of it fails the credit check: CREDIT_LIMIT_EXCEEDED);
 * - the suspended dealer stopped paying a month before it was suspended and still owes.
 */

export interface NearLimit {
  dealerId: string;
  dealerName: string;
  /** openid of the dealer's owner, to act as it. */
  ownerOpenid: string;
  creditLimit: number;
  receivable: number;
  /** creditLimit − receivable (nothing is reserved), fen. */
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

/** Payments smaller than this wait for the next date, fen. */
const MIN_PAYMENT = 50_000;
/** The near-limit dealer keeps this share of its limit free (at least ¥2,000). */
const NEAR_LIMIT_HEADROOM = 0.03;
/** How far back the near-limit dealer's payments may be held back. */
const SLOW_PAYER_WINDOW = 75 * DAY_MS;

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

/** The days a dealer pays on, from its first shipment up to `until` (exclusive). */
function paymentDays(r: Rng, level: string, firstShipment: number, until: number): number[] {
  const biweekly = r.chance(level === 'A' ? 0.5 : level === 'B' ? 0.35 : 0.2);
  const days: number[] = [];
  if (biweekly) {
    for (let d = startOfShanghaiDay(firstShipment) + r.int(7, 20) * DAY_MS; d < until; d += 14 * DAY_MS) days.push(workday(d));
  } else {
    const payDay = r.int(5, 25);
    let { year, month } = shanghaiParts(firstShipment);
    for (;;) {
      const d = workday(shanghaiMidnight(`${year}-${String(month).padStart(2, '0')}-${String(payDay).padStart(2, '0')}`));
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

/** The natural payments of one dealer. */
function duePayments(r: Rng, dealer: WithId<DealerDoc>, shipped: readonly Shipped[], until: number): Draft[] {
  const first = shipped[0];
  if (!first) return [];
  const lagDays = dealer.level === 'A' ? r.int(12, 28) : dealer.level === 'B' ? r.int(10, 30) : r.int(7, 21);
  const out: Draft[] = [];
  let paid = 0;
  let i = 0;
  let shippedUpTo = 0;
  for (const day of paymentDays(r, dealer.level, first.at, until)) {
    const at = day + 9 * HOUR_MS + r.int(0, 8 * 60) * MINUTE_MS;
    if (at >= until) break;
    const cutoff = startOfShanghaiDay(at - lagDays * DAY_MS);
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
      // After reconciling: the exact balance, or a round figure.
      amount = r.chance(0.5) ? due : Math.floor(due / 10_000) * 10_000;
    }
    if (amount <= 0) continue;
    paid += amount;
    out.push({ dealerId: dealer._id, amount, at, method, note });
  }
  return out;
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

  const suspendedAt = suspendedSinceOf(referenceDate);
  const byDealer = new Map<string, Draft[]>();
  for (const dealer of people.dealers) {
    const r = rng.fork(`payments:${dealer._id}`);
    const shipped = shippedBy.get(dealer._id) ?? [];
    // The suspended dealer stopped paying three to six weeks before it was suspended.
    const until = people.suspended.includes(dealer._id) ? suspendedAt - r.int(21, 42) * DAY_MS : referenceDate;
    byDealer.set(dealer._id, duePayments(r, dealer, shipped, until));
  }

  const receivableOf = (id: string) => sum(shippedBy.get(id) ?? []) - sum(byDealer.get(id) ?? []);

  // The slow payer: the level-B dealer (not a persona's, not an anomaly's) whose recent
  // shipments weigh most against its limit; its latest payments are held back until its
  // receivable sits just under the limit.
  const personaDealers = new Set(people.users.filter((u) => u.openid === PERSONAS.dealerA || u.openid === PERSONAS.dealerB).map((u) => u.dealerId));
  const planted = new Set([anomalies.churn.dealerId, anomalies.spike.dealerId, anomalies.offMix.dealerId, ...people.suspended]);
  const recent = (id: string) => sum((shippedBy.get(id) ?? []).filter((s) => s.at >= referenceDate - SLOW_PAYER_WINDOW));
  const slow = people.dealers
    .filter((d) => d.level === 'B' && d.status === 'active' && !personaDealers.has(d._id) && !planted.has(d._id) && recent(d._id) >= d.creditLimit)
    .sort((a, b) => recent(b._id) / b.creditLimit - recent(a._id) / a.creditLimit || (a._id < b._id ? -1 : 1))[0];
  const nearLimit: NearLimit[] = [];
  if (slow) {
    const headroom = Math.max(200_000, Math.round((slow.creditLimit * NEAR_LIMIT_HEADROOM) / 10_000) * 10_000);
    const target = slow.creditLimit - headroom;
    const list = byDealer.get(slow._id) ?? [];
    let balance = receivableOf(slow._id);
    while (balance < target) {
      const last = list[list.length - 1];
      if (!last) break;
      if (balance + last.amount <= target) {
        list.pop();
        balance += last.amount;
      } else {
        // Paid part of what was due, in a round figure.
        const keep = Math.floor((last.amount - (target - balance)) / 10_000) * 10_000;
        balance += last.amount - keep;
        if (keep > 0) {
          last.amount = keep;
          last.method = '银行转账';
          last.note = `部分回款，${last.note}`;
        } else list.pop();
      }
    }
    const receivable = receivableOf(slow._id);
    nearLimit.push({
      dealerId: slow._id,
      dealerName: slow.name,
      ownerOpenid: people.ownerOf.get(slow._id) ?? '',
      creditLimit: slow.creditLimit,
      receivable,
      headroom: slow.creditLimit - receivable,
    });
  }

  // Number the payments in time order: HK + Shanghai date + the day's sequence.
  const drafts = [...byDealer.values()].flat().sort((a, b) => a.at - b.at || (a.dealerId < b.dealerId ? -1 : 1));
  const perDay = new Map<string, number>();
  const payments = drafts.map((p, i): WithId<PaymentDoc> => {
    const ymd = shanghaiYmd(p.at);
    const seq = (perDay.get(ymd) ?? 0) + 1;
    perDay.set(ymd, seq);
    return { _id: `payment-${String(i + 1).padStart(6, '0')}`, dealerId: p.dealerId, amount: p.amount, at: p.at, method: p.method, ref: `HK${ymd}${String(seq).padStart(4, '0')}`, note: p.note };
  });

  const accounts = people.dealers.map((d): WithId<AccountDoc> => {
    const shipped = shippedBy.get(d._id) ?? [];
    const paid = byDealer.get(d._id) ?? [];
    const last = Math.max(d.joinedAt, shipped[shipped.length - 1]?.at ?? 0, paid[paid.length - 1]?.at ?? 0);
    return { _id: d._id, dealerId: d._id, receivable: receivableOf(d._id), creditReserved: 0, rebateBalance: 0, updatedAt: last };
  });

  const overdue = people.dealers
    .filter((d) => people.suspended.includes(d._id))
    .map((d): Overdue => {
      const paid = byDealer.get(d._id) ?? [];
      return { dealerId: d._id, dealerName: d.name, receivable: receivableOf(d._id), lastPaymentAt: paid[paid.length - 1]?.at ?? null };
    });
  return { accounts, payments, nearLimit, overdue };
}
