/**
 * Settlement (结算) of a closed period, recomputation, and claw-back (扣回).
 *
 * A settlement record is one dealer × one policy × one period, with a deterministic id
 * `policyId:dealerId:period` (settling twice makes the same records: the handler saves them
 * idempotently). It keeps everything needed to recompute it: the policy as it was, the reduced
 * inputs, settledAt, the trace, and a SHA-256 digest of those inputs. recompute(record, facts)
 * evaluates the stored policy at the stored settledAt and must give the same fen and the same
 * trace for the same facts.
 *
 * A return of goods counted in a settled period lowers that period's aggregate (see facts.ts).
 * The closed period is never changed: the difference becomes a negative adjustment booked in the
 * period in progress when it is found (clawback).
 */
import { canonicalJson, sha256Hex } from './digest';
import { evaluate, inputsOf, policyApplies } from './evaluate';
import type { EvaluationInputs, RebateDealer, RebateFacts } from './evaluate';
import { formatYuan } from './kit';
import type { Measure, TraceStep } from './kit';
import { periodKey, periodLabel, periodOrThrow } from './period';
import type { RebatePolicy } from './policies';

export interface SettlementRecord {
  /** policyId:dealerId:period */
  id: string;
  policyId: string;
  policyCode: string;
  dealerId: string;
  period: string;
  /** Fen credited to the dealer's rebate wallet (after the cap); ≥ 0. */
  amount: number;
  capped: boolean;
  measure: Measure;
  basis: number;
  tierIndex: number | null;
  trace: TraceStep[];
  /** The policy as it was when settled (policies may be edited later). */
  policy: RebatePolicy;
  dealer: RebateDealer;
  inputs: EvaluationInputs;
  /** SHA-256 (hex) of canonical JSON of { policy, dealer, period, inputs, settledAt }. */
  inputsDigest: string;
  settledAt: number;
}

export type SettleResult =
  | { ok: true; records: SettlementRecord[] }
  | { ok: false; code: 'PERIOD_OPEN'; message: string };

export function settlementId(policyId: string, dealerId: string, period: string): string {
  return `${policyId}:${dealerId}:${period}`;
}

function digestOf(policy: RebatePolicy, dealer: RebateDealer, period: string, inputs: EvaluationInputs, settledAt: number): string {
  return sha256Hex(canonicalJson({ policy, dealer: { id: dealer.id, level: dealer.level, region: dealer.region }, period, inputs, settledAt }));
}

function recordOf(policy: RebatePolicy, facts: RebateFacts, settledAt: number): SettlementRecord {
  const e = evaluate(policy, facts, settledAt);
  const dealer = { id: facts.dealer.id, level: facts.dealer.level, region: facts.dealer.region };
  return {
    id: settlementId(policy.id, dealer.id, facts.period),
    policyId: policy.id,
    policyCode: policy.code,
    dealerId: dealer.id,
    period: facts.period,
    amount: e.earned,
    capped: e.capped,
    measure: e.measure,
    basis: e.basis,
    tierIndex: e.tierReached?.index ?? null,
    trace: e.trace,
    policy,
    dealer,
    inputs: e.inputs,
    inputsDigest: digestOf(policy, dealer, facts.period, e.inputs, settledAt),
    settledAt,
  };
}

/**
 * Settles a closed period: one record per dealer per policy that applies to that dealer in the
 * period (amount 0 included, so "why nothing" is on record too), sorted by dealer then policy.
 * Refuses while the period is still running (now < its end). factsByDealer is keyed by dealer id
 * and each entry's period must be `period`.
 */
export function settle(
  policies: readonly RebatePolicy[],
  factsByDealer: Readonly<Record<string, RebateFacts>>,
  period: string,
  now: number,
): SettleResult {
  const p = periodOrThrow(period);
  if (now < p.end) return { ok: false, code: 'PERIOD_OPEN', message: `${periodLabel(period)}尚未结束，不能结算` };
  const records: SettlementRecord[] = [];
  const dealerIds = Object.keys(factsByDealer).sort();
  const sorted = [...policies].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const dealerId of dealerIds) {
    const facts = factsByDealer[dealerId] as RebateFacts;
    if (facts.dealer.id !== dealerId || facts.period !== period) {
      throw new RangeError(`settle: facts under ${dealerId} are for dealer ${facts.dealer.id}, period ${facts.period}`);
    }
    for (const policy of sorted) {
      if (policyApplies(policy, facts.dealer, period)) records.push(recordOf(policy, facts, now));
    }
  }
  return { ok: true, records };
}

export interface Recomputation {
  amount: number;
  trace: TraceStep[];
  inputsDigest: string;
  /** Same amount, same trace and same digest as the record. */
  identical: boolean;
}

/** Recomputes a settlement from facts with the record's own policy and settledAt. */
export function recompute(record: SettlementRecord, facts: RebateFacts): Recomputation {
  if (facts.dealer.id !== record.dealerId || facts.period !== record.period) {
    throw new RangeError(`recompute: facts are for ${facts.dealer.id} ${facts.period}, the record for ${record.dealerId} ${record.period}`);
  }
  const again = recordOf(record.policy, { ...facts, dealer: record.dealer }, record.settledAt);
  return {
    amount: again.amount,
    trace: again.trace,
    inputsDigest: again.inputsDigest,
    identical: again.amount === record.amount && again.inputsDigest === record.inputsDigest && canonicalJson(again.trace) === canonicalJson(record.trace),
  };
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
 * Recomputes a settled period after returns and, when it now pays less than `booked`
 * (default: the settled amount), the negative adjustment to book at `now`; null when nothing is owed.
 */
export function clawbackOf(record: SettlementRecord, facts: RebateFacts, now: number, booked: number = record.amount): ClawbackAdjustment | null {
  const again = recompute(record, facts);
  const amount = clawback(booked, again.amount);
  if (amount === 0) return null;
  const kind = periodOrThrow(record.period).kind;
  const bookedIn = periodKey(kind, Math.max(now, periodOrThrow(record.period).end));
  const label = periodLabel(record.period);
  // Recomputed inputs (for the trace values): the facts as they are now.
  const inputs = inputsOf(record.policy, { ...facts, dealer: record.dealer });
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
      ...again.trace.map((s) => ({ ...s, step: `recomputed.${s.step}` })),
      {
        step: 'clawback',
        text: `退货后${label}应得 ${formatYuan(again.amount)}，扣回 ${formatYuan(-amount)}，计入${periodLabel(bookedIn)}；${label}的结算不变`,
        values: { recomputed: again.amount, amount, bookedIn, basisNow: record.measure === 'amount' ? inputs.current.amount : inputs.current.qty },
      },
    ],
  };
}
