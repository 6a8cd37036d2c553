/**
 * Settlement (结算) of a closed period, recomputation, and claw-back (扣回).
 *
 * A settlement record is one dealer × one policy × one period, with a deterministic id
 * `policyId:dealerId:period` (settling twice makes the same records: the handler saves them
 * idempotently). A record is lean — a period close makes one per dealer per policy, hundreds of
 * thousands of them — and keeps exactly what recomputes and explains it:
 * - the policy VERSION it was settled under: `policyDigest`, the SHA-256 of the policy's
 *   canonical JSON. The policy itself is stored once per settle, in SettleResult.policies under
 *   that digest (save it beside the records; policies may be edited later);
 * - the reduced inputs (the range read, the in-scope totals, last year's, the target), the
 *   dealer as targeting read it, settledAt;
 * - the numbers: basis, tier reached and its rate, the exact amount before rounding (1/10000
 *   fen), the rounded amount before the cap, the amount paid, whether the cap applied;
 * - `inputsDigest`: a 64-bit fingerprint of settlementInputsText (the inputs in one line each).
 *
 * The trace in plain words is not stored: traceOf(record, policy) renders it on demand, from the
 * record alone, with the same wording evaluate() uses (it runs the same code at settledAt), and
 * the same text every time. recompute(record, facts, policy) settles again from facts with the
 * record's policy version and settledAt and must give the same fen, digest and trace.
 *
 * Settlement compiles each policy once (scope lists, tiers, rates, rounding, cap, targeting,
 * range, digest prefix) and then runs per dealer on numbers only: no text, no per-record JSON.
 *
 * A return of goods counted in a settled period lowers that period's aggregate (see facts.ts).
 * The closed period is never changed: the difference becomes a negative adjustment booked in the
 * period in progress when it is found (clawback).
 */
import type { CategoryTree } from '../targeting';
import { matchesDealer, targetsEveryone } from '../targeting';
import { canonicalJson, Hash64, sha256Hex } from './digest';
import { evaluateInputs, policyAppliesInPeriod, policyRange } from './evaluate';
import type { EvaluationInputs, RebateDealer, RebateFacts } from './evaluate';
import type { DeliveryAggregate, Totals } from './facts';
import { formatYuan } from './kit';
import type { CompiledEarn, Measure, TraceStep } from './kit';
import { periodKey, periodLabel, periodOrThrow, samePeriodLastYear } from './period';
import type { Period, Range } from './period';
import { policyDefinitionOf } from './policies';
import type { RebatePolicy } from './policies';
import { compileScope } from './scope';

export interface SettlementRecord {
  /** policyId:dealerId:period */
  id: string;
  policyId: string;
  policyCode: string;
  /** The policy version: policyDigestOf(policy). The policy is SettleResult.policies[policyDigest]. */
  policyDigest: string;
  dealerId: string;
  /** The dealer as targeting read it at settlement. */
  dealer: RebateDealer;
  period: string;
  /** Fen credited to the dealer's rebate wallet (after the cap); ≥ 0. */
  amount: number;
  /** Fen, rounded once with the policy's mode, before the cap. */
  earnedBeforeCap: number;
  capped: boolean;
  measure: Measure;
  /** In-scope net delivered amount (fen) or quantity (件), per `measure`. */
  basis: number;
  /** 0-based index of the tier reached, or null. */
  tierIndex: number | null;
  /** The reached tier's rate in bp, or null. */
  rateBp: number | null;
  /** The reached tier's (or the campaign's) fen per unit, or null. */
  perUnitFen: number | null;
  /** The exact amount before rounding, in 1/10000 fen, as a decimal integer ('12345600' = ¥1,234.56). */
  exactBp: string;
  /** What was read: the range, the in-scope totals, last year's in-scope totals, the target. */
  inputs: EvaluationInputs;
  /** digest64(settlementInputsText(record)): 16 hex digits. */
  inputsDigest: string;
  settledAt: number;
}

export type SettleResult =
  | {
      ok: true;
      records: SettlementRecord[];
      /** Each policy the records were settled under, once, keyed by its policyDigest. */
      policies: Record<string, RebatePolicy>;
    }
  | { ok: false; code: 'PERIOD_OPEN'; message: string };

export function settlementId(policyId: string, dealerId: string, period: string): string {
  return `${policyId}:${dealerId}:${period}`;
}

/** The version of a policy: SHA-256 (hex) of its canonical JSON. Equal policies, equal digests. */
export function policyDigestOf(policy: RebatePolicy): string {
  return sha256Hex(canonicalJson(policy));
}

const INPUTS_VERSION = 'rebate-settlement-inputs/2';

function policyPart(policyDigest: string, period: string, settledAt: number, range: Range | null): string {
  return `${INPUTS_VERSION}\npolicy=${policyDigest}\nperiod=${period}\nsettledAt=${settledAt}\nrange=${range ? `${range.start},${range.end}` : '-'}\n`;
}

function dealerPart(dealer: RebateDealer): string {
  return `dealer=${JSON.stringify([dealer.id, dealer.level, dealer.region])}\n`;
}

/**
 * What a settlement's inputsDigest is the digest of, one line each:
 * ```
 * rebate-settlement-inputs/2
 * policy=<policyDigest>
 * period=2025-Q1
 * settledAt=<epoch ms>
 * range=<start>,<end>            (or -)
 * dealer=["d-hz-01","A","east"]
 * current=<amount>,<qty>
 * lastYear=<amount>,<qty>        (or -)
 * target=<fen>                   (or -)
 * ```
 */
export function settlementInputsText(r: Pick<SettlementRecord, 'policyDigest' | 'period' | 'settledAt' | 'dealer' | 'inputs'>): string {
  const { range, current, lastYear, target } = r.inputs;
  return (
    policyPart(r.policyDigest, r.period, r.settledAt, range) +
    dealerPart(r.dealer) +
    `current=${current.amount},${current.qty}\nlastYear=${lastYear ? `${lastYear.amount},${lastYear.qty}` : '-'}\ntarget=${target ?? '-'}`
  );
}

/** A policy compiled for one period and settlement instant. */
interface CompiledPolicy {
  policy: RebatePolicy;
  id: string;
  /** `${id}:`, the head of its settlement ids. */
  idHead: string;
  code: string;
  digest: string;
  /** The deliveries it reads; null when a campaign's window misses the period. */
  range: Range | null;
  /** The range is the whole period (reads facts.current, else facts.windows[id]). */
  whole: boolean;
  measure: Measure;
  capFen: number | null;
  needsLastYear: boolean;
  scoped: (agg: DeliveryAggregate, categories?: CategoryTree) => Totals;
  earn: CompiledEarn;
  /** Hash64 state after the policy's part of settlementInputsText. */
  prefix: Hash64;
}

function compilePolicy(policy: RebatePolicy, p: Period, settledAt: number, digest: string = policyDigestOf(policy)): CompiledPolicy {
  const def = policyDefinitionOf(policy.code);
  if (!def) throw new Error(`settle: unknown rebate policy code ${policy.code}`);
  const range = policyRange(policy, p.key);
  return {
    policy,
    id: policy.id,
    idHead: `${policy.id}:`,
    code: policy.code,
    digest,
    range,
    whole: range !== null && range.start === p.start && range.end === p.end,
    measure: def.measure(policy),
    capFen: policy.capFen,
    needsLastYear: def.requires?.lastYear === true,
    scoped: compileScope(policy.scope),
    earn: def.compile(policy),
    prefix: new Hash64().text(policyPart(digest, p.key, settledAt, range)),
  };
}

function checkAggregate(agg: DeliveryAggregate, dealerId: string, period: string, range: Range, what: string): void {
  if (agg.dealerId !== dealerId || agg.period !== period || agg.start !== range.start || agg.end !== range.end) {
    throw new RangeError(
      `evaluate: ${what} must be dealer ${dealerId}'s aggregate of ${period} over [${range.start}, ${range.end}), got ${agg.dealerId} ${agg.period} [${agg.start}, ${agg.end})`,
    );
  }
}

const EMPTY: Totals = Object.freeze({ amount: 0, qty: 0 }) as Totals;

/** One dealer's reading of the facts, checked once and shared by its records. */
class DealerContext {
  readonly dealer: RebateDealer;
  readonly part: string;
  /** `${dealerId}:${period}`, the tail of its settlement ids. */
  readonly idTail: string;
  private checked = false;
  private lastYearChecked = false;

  constructor(
    readonly facts: RebateFacts,
    readonly p: Period,
  ) {
    this.dealer = { id: facts.dealer.id, level: facts.dealer.level, region: facts.dealer.region };
    this.part = dealerPart(this.dealer);
    this.idTail = `${this.dealer.id}:${p.key}`;
  }

  current(): DeliveryAggregate {
    if (!this.checked) {
      checkAggregate(this.facts.current, this.dealer.id, this.p.key, this.p, 'facts.current');
      this.checked = true;
    }
    return this.facts.current;
  }

  lastYear(): DeliveryAggregate | null {
    const ly = this.facts.lastYear;
    if (!ly) return null;
    if (!this.lastYearChecked) {
      const lp = periodOrThrow(samePeriodLastYear(this.p.key));
      checkAggregate(ly, this.dealer.id, lp.key, lp, 'facts.lastYear');
      this.lastYearChecked = true;
    }
    return ly;
  }
}

const scratch = new Hash64();

/** The record of one compiled policy for one dealer (the caller decided that it applies). */
function recordOf(c: CompiledPolicy, d: DealerContext, settledAt: number): SettlementRecord {
  const facts = d.facts;
  const dealerId = d.dealer.id;
  const period = d.p.key;
  const currentAgg = d.current();
  let current: Totals;
  if (c.range === null) current = { amount: EMPTY.amount, qty: EMPTY.qty };
  else if (c.whole) current = c.scoped(currentAgg, facts.categories);
  else {
    const w = facts.windows?.[c.id];
    if (!w) throw new RangeError(`evaluate: policy ${c.id} reads [${c.range.start}, ${c.range.end}) of ${period}: pass facts.windows['${c.id}']`);
    checkAggregate(w, dealerId, period, c.range, `facts.windows['${c.id}']`);
    current = c.scoped(w, facts.categories);
  }
  const lyAgg = d.lastYear();
  if (lyAgg === null && c.needsLastYear) {
    throw new RangeError(`evaluate: policy ${c.id} (${c.code}) needs facts.lastYear (an empty aggregate when the dealer has no history)`);
  }
  const lastYear = lyAgg === null ? null : c.scoped(lyAgg, facts.categories);
  const t = facts.targets?.[c.id];
  if (t !== undefined && (!Number.isSafeInteger(t) || t < 0)) throw new RangeError(`evaluate: target of ${c.id} must be non-negative integer fen`);
  const target = t ?? null;
  const inputs: EvaluationInputs = { range: c.range, current, lastYear, target };
  const o = c.earn(inputs);
  const amount = c.capFen === null ? o.amount : Math.min(o.amount, c.capFen);

  const h = scratch.from(c.prefix).text(d.part).text('current=').int(current.amount).text(',').int(current.qty).text('\nlastYear=');
  if (lastYear === null) h.text('-');
  else h.int(lastYear.amount).text(',').int(lastYear.qty);
  h.text('\ntarget=');
  if (target === null) h.text('-');
  else h.int(target);

  return {
    id: c.idHead + d.idTail,
    policyId: c.id,
    policyCode: c.code,
    policyDigest: c.digest,
    dealerId,
    dealer: d.dealer,
    period,
    amount,
    earnedBeforeCap: o.amount,
    capped: amount < o.amount,
    measure: c.measure,
    basis: c.measure === 'amount' ? current.amount : current.qty,
    tierIndex: o.tierIndex,
    rateBp: o.rateBp,
    perUnitFen: o.perUnitFen,
    exactBp: typeof o.exact === 'number' ? String(o.exact) : o.exact.toString(),
    inputs,
    inputsDigest: h.hex(),
    settledAt,
  };
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Settles a closed period: one record per dealer per policy that applies to that dealer in the
 * period (amount 0 included, so "why nothing" is on record too), sorted by dealer then policy,
 * and each policy they were settled under once, by digest. Refuses while the period is still
 * running (now < its end) — unless `early`: a dealer leaving mid-period (offboarding) is settled
 * on what it has had delivered until now, by the same rules, under the same ids (so once).
 * factsByDealer is keyed by dealer id and each entry's period must be `period`.
 */
export function settle(
  policies: readonly RebatePolicy[],
  factsByDealer: Readonly<Record<string, RebateFacts>>,
  period: string,
  now: number,
  opts: { early?: boolean } = {},
): SettleResult {
  const p = periodOrThrow(period);
  if (now < p.end && !opts.early) return { ok: false, code: 'PERIOD_OPEN', message: `${periodLabel(period)}尚未结束，不能结算` };
  // What does not depend on the dealer is decided once per policy (policyApplies but the targeting).
  const compiled: Array<{ c: CompiledPolicy; everyone: boolean; used: boolean }> = [];
  for (const policy of [...policies].sort(byId)) {
    if (!policyAppliesInPeriod(policy, period)) continue;
    compiled.push({ c: compilePolicy(policy, p, now), everyone: targetsEveryone(policy.dealers), used: false });
  }
  const records: SettlementRecord[] = [];
  for (const dealerId of Object.keys(factsByDealer).sort()) {
    const facts = factsByDealer[dealerId] as RebateFacts;
    if (facts.dealer.id !== dealerId || facts.period !== period) {
      throw new RangeError(`settle: facts under ${dealerId} are for dealer ${facts.dealer.id}, period ${facts.period}`);
    }
    const ctx = new DealerContext(facts, p);
    const ref = { ...ctx.dealer, parentDealerId: null };
    for (const entry of compiled) {
      if (!entry.everyone && !matchesDealer(entry.c.policy.dealers, ref)) continue;
      records.push(recordOf(entry.c, ctx, now));
      entry.used = true;
    }
  }
  const used: Record<string, RebatePolicy> = {};
  for (const { c, used: u } of compiled) if (u) used[c.digest] = c.policy;
  return { ok: true, records, policies: used };
}

/** Settles one policy for one dealer's facts at settledAt (no applicability check): what recompute runs. */
function settleOne(policy: RebatePolicy, facts: RebateFacts, settledAt: number, digest: string): SettlementRecord {
  const p = periodOrThrow(facts.period);
  return recordOf(compilePolicy(policy, p, settledAt, digest), new DealerContext(facts, p), settledAt);
}

function checkVersion(record: SettlementRecord, policy: RebatePolicy, what: string): string {
  const digest = policyDigestOf(policy);
  if (policy.id !== record.policyId || digest !== record.policyDigest) {
    throw new RangeError(
      `${what}: record ${record.id} was settled under policy version ${record.policyDigest.slice(0, 12)}, got ${policy.id} ${digest.slice(0, 12)}`,
    );
  }
  return digest;
}

/** The trace of a record rendered from its own inputs, without checking its numbers. */
function renderTrace(record: SettlementRecord, policy: RebatePolicy) {
  return evaluateInputs(policy, record.dealerId, record.period, record.inputs, record.settledAt);
}

/** The figures a record states, for comparing two records of the same settlement. */
function figures(r: SettlementRecord): string {
  return `${r.amount}|${r.earnedBeforeCap}|${r.capped}|${r.measure}|${r.basis}|${r.tierIndex}|${r.rateBp}|${r.perUnitFen}|${r.exactBp}`;
}

/**
 * The calculation trace of a settlement, in plain words, rendered from the record and the policy
 * version it names (SettleResult.policies[record.policyDigest]): the same steps and text that
 * evaluate() gives for the same inputs at settledAt, the same every time. Throws when the policy
 * is not that version, or when the record's figures do not follow from its own inputs (a record
 * altered after settlement).
 */
export function traceOf(record: SettlementRecord, policy: RebatePolicy): TraceStep[] {
  checkVersion(record, policy, 'traceOf');
  const e = renderTrace(record, policy);
  const stated = `${record.amount}|${record.earnedBeforeCap}|${record.capped}|${record.measure}|${record.basis}|${record.tierIndex}`;
  const derived = `${e.earned}|${e.earnedBeforeCap}|${e.capped}|${e.measure}|${e.basis}|${e.tierReached?.index ?? null}`;
  if (stated !== derived) throw new RangeError(`traceOf: record ${record.id} states ${stated} but its inputs give ${derived}`);
  return e.trace;
}

/** traceOf as text: one sentence per line (the 返利 page's "how this was calculated"). */
export function explainSettlement(record: SettlementRecord, policy: RebatePolicy): string {
  return traceOf(record, policy)
    .map((s) => s.text)
    .join('\n');
}

export interface Recomputation {
  amount: number;
  trace: TraceStep[];
  inputsDigest: string;
  /** Same figures, same digest and same trace as the record. */
  identical: boolean;
}

/**
 * Recomputes a settlement from facts with the policy version the record names (pass
 * SettleResult.policies[record.policyDigest], as saved) at the record's settledAt.
 */
export function recompute(record: SettlementRecord, facts: RebateFacts, policy: RebatePolicy): Recomputation {
  const { again, trace, identical } = recomputed(record, facts, policy);
  return { amount: again.amount, trace, inputsDigest: again.inputsDigest, identical };
}

/**
 * A pending settlement settled again on the facts as they are now (returns recorded since the
 * period closed), with the record's policy version, dealer and settledAt: what approval credits.
 * A closed period never pays more after the fact, so when the facts would now pay more (say a
 * target set after the close) the record stands as it is. `changed`: the record returned is a
 * new one (its own inputs, digest and trace), to be saved in place of the stale one.
 */
export function resettle(record: SettlementRecord, facts: RebateFacts, policy: RebatePolicy): { record: SettlementRecord; changed: boolean } {
  const { again, identical } = recomputed(record, facts, policy);
  if (identical || again.amount > record.amount) return { record, changed: false };
  return { record: again, changed: true };
}

function recomputed(record: SettlementRecord, facts: RebateFacts, policy: RebatePolicy) {
  if (facts.dealer.id !== record.dealerId || facts.period !== record.period) {
    throw new RangeError(`recompute: facts are for ${facts.dealer.id} ${facts.period}, the record for ${record.dealerId} ${record.period}`);
  }
  const digest = checkVersion(record, policy, 'recompute');
  const again = settleOne(policy, { ...facts, dealer: record.dealer }, record.settledAt, digest);
  const trace = renderTrace(again, policy).trace;
  const identical =
    figures(again) === figures(record) &&
    again.inputsDigest === record.inputsDigest &&
    canonicalJson(trace) === canonicalJson(renderTrace(record, policy).trace);
  return { again, trace, identical };
}

/**
 * The adjustment a recomputation calls for: recomputed − booked when that is negative, else 0.
 * `booked` is what has been credited for that period so far (the settlement plus earlier
 * claw-backs). A closed period never pays more after the fact: deliveries count when they
 * arrive, so only returns can change a closed period.
 */
export function clawback(booked: number, recomputedAfterReturns: number): number {
  if (!Number.isSafeInteger(booked) || !Number.isSafeInteger(recomputedAfterReturns)) throw new RangeError('clawback: amounts must be integer fen');
  return Math.min(0, recomputedAfterReturns - booked);
}

export interface ClawbackAdjustment {
  /** `${settlementId}:clawback:${first 12 hex of the new inputs digest}`: one per distinct recomputation. */
  id: string;
  settlementId: string;
  policyId: string;
  dealerId: string;
  /** The settled period it corrects (unchanged). */
  period: string;
  /** The period it is booked in: the one of the policy's kind in progress at `now`. */
  bookedIn: string;
  /** Negative fen. */
  amount: number;
  at: number;
  trace: TraceStep[];
}

/**
 * Recomputes a settled period after returns (with the record's policy version, as for
 * recompute) and, when it now pays less than `booked` (default: the settled amount), the
 * negative adjustment to book at `now`; null when nothing is owed.
 */
export function clawbackOf(
  record: SettlementRecord,
  facts: RebateFacts,
  now: number,
  policy: RebatePolicy,
  booked: number = record.amount,
): ClawbackAdjustment | null {
  const { again, trace: againTrace } = recomputed(record, facts, policy);
  const amount = clawback(booked, again.amount);
  if (amount === 0) return null;
  const kind = periodOrThrow(record.period).kind;
  const bookedIn = periodKey(kind, Math.max(now, periodOrThrow(record.period).end));
  const label = periodLabel(record.period);
  return {
    id: `${record.id}:clawback:${again.inputsDigest.slice(0, 12)}`,
    settlementId: record.id,
    policyId: record.policyId,
    dealerId: record.dealerId,
    period: record.period,
    bookedIn,
    amount,
    at: now,
    trace: [
      {
        step: 'settled',
        text: `${label}已计返利 ${formatYuan(booked)}（结算单 ${record.id}）`,
        values: { booked, settledAmount: record.amount, settledBasis: record.basis },
      },
      ...againTrace.map((s) => ({ ...s, step: `recomputed.${s.step}` })),
      {
        step: 'clawback',
        text: `退货后${label}应得 ${formatYuan(again.amount)}，扣回 ${formatYuan(-amount)}，计入${periodLabel(bookedIn)}；${label}的结算不变`,
        values: { recomputed: again.amount, amount, bookedIn, basisNow: again.basis },
      },
    ],
  };
}
