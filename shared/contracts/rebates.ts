import { z } from 'zod';
import { action } from '../contract';
import { fenWithin } from '../money';
import type { Evaluation, RebatePolicy, WalletEntry } from '../rebates';
import { rebatePolicySchema } from '../rebates';
import { ORDER_INPUT_EXAMPLES } from '../orders';

const id = z.string().min(1).max(80);
/**
 * A rebate period key, in the years the system settles: 2000–2099. Earlier keys are well formed
 * but name instants the engine does not handle (before 1970, or Date.UTC's 1900s for years 0–99).
 */
const periodKeySchema = z.string().regex(/^20\d{2}(-(0[1-9]|1[0-2])|-Q[1-4])?$/, { message: '期间格式为 YYYY-MM、YYYY-Qn 或 YYYY，年份在 2000–2099 之间' });

/** How much of an order's payable rebate may pay: at most 10 %, no fixed per-order limit. */
export const REBATE_SPEND_RULE = { maxShareBp: 1000, maxFenPerOrder: null } as const;

export type SettlementStatus = 'pending' | 'credited';

export interface SettlementView {
  id: string;
  policyId: string;
  policyName: string;
  dealerId: string;
  period: string;
  amount: number;
  status: SettlementStatus;
  settledAt: number;
  creditedAt: number | null;
  /** The calculation in plain words, step by step. */
  explanation: string[];
}

export interface RebateProgressOutput {
  evaluations: Evaluation[];
  wallet: { balance: number; spendRule: { maxShareBp: number } };
}

export const rebates = {
  /** The calling dealer's rebate policies now: basis, tier, next tier, earned, projection, trace. */
  progress: action<RebateProgressOutput>()(z.strictObject({})),
  /** The wallet: balance and ledger entries, newest first. */
  wallet: action<{ balance: number; entries: Array<WalletEntry & { orderId: string | null }>; nextCursor: string | null }>()(
    z.strictObject({ cursor: z.string().min(1).max(200).optional(), limit: z.number().int().min(1).max(50).optional() }),
  ),
  /** Settlements of closed periods with their calculation (dealer: own; admin: any dealer). */
  settlements: action<{ items: SettlementView[] }>()(z.strictObject({ dealerId: z.string().min(1).max(64).optional(), period: periodKeySchema.optional() })),
  /** Create or replace a rebate policy (admin, console). */
  upsertPolicy: action<{ id: string; created: boolean }>()(z.strictObject({ policy: rebatePolicySchema }), {
    policy: {
      code: 'volume_tiers',
      id: 'q-volume-demo',
      name: '季度进货阶梯返利',
      periodKind: 'quarter',
      args: {
        basis: 'amount',
        mode: 'retroactive',
        tiers: [
          { from: 5_000_000, rateBp: 100 },
          { from: 10_000_000, rateBp: 200 },
        ],
      },
    },
  }),
  /** Per-dealer targets of a target-attainment policy for a period (admin, console). */
  setTargets: action<{ saved: number }>()(
    z.strictObject({
      policyId: id,
      period: periodKeySchema,
      targets: z
        .array(z.strictObject({ dealerId: z.string().min(1).max(64), amount: fenWithin(1) }))
        .min(1)
        .max(1000),
    }),
    { policyId: 'q-target-demo', period: '2026-Q4', targets: [{ dealerId: 'dealer-001', amount: 30_000_000 }] },
  ),
  /** Settle a closed period: one pending record per dealer per policy, with its trace (admin, console, monthly timer). */
  closePeriod: action<{ period: string; created: number; existing: number; total: number }>()(z.strictObject({ period: periodKeySchema }), {
    period: '2026-10',
  }),
  /**
   * Credit pending settlements of a period to the dealers' wallets (admin, console), each at what
   * the period pays now: `adjusted` of them were recomputed lower because goods came back after
   * the close. Counts are what this call credited.
   */
  approveSettlements: action<{ credited: number; amount: number; adjusted: number }>()(
    z.strictObject({ period: periodKeySchema, policyId: id.optional(), dealerId: z.string().min(1).max(64).optional() }),
    { period: '2026-10' },
  ),
  /** Recompute every month aggregate from the delivered orders and report any difference (admin, console). */
  checkAggregates: action<{ checked: number; mismatches: Array<{ id: string; stored: number; recomputed: number }> }>()(z.strictObject({})),
  /**
   * Goods returned after delivery (admin, console): back on hand in the warehouse they return to
   * (`warehouseId`, default the one that shipped them), off the dealer's receivable (a line on the
   * statement), and off the delivery's rebate period; a settled period is clawed back in the
   * current one. `returnId` is the idempotency key: the same request again is a replay, another
   * request under the same id a CONFLICT.
   */
  recordReturn: action<{ returnId: string; amount: number; clawbacks: Array<{ settlementId: string; amount: number }> }>()(
    z.strictObject({
      orderId: id,
      returnId: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, { message: '退货单号须为 6–64 位字母、数字、- 或 _' }),
      lines: z
        .array(z.strictObject({ sku: z.string().min(1).max(64), qty: z.number().int().min(1).max(1_000_000) }))
        .min(1)
        .max(200),
      reason: z.string().trim().min(2).max(200),
      warehouseId: z.string().min(1).max(64).optional(),
    }),
    { orderId: ORDER_INPUT_EXAMPLES.approve.orderId, returnId: 'RT-000001', lines: [{ sku: 'sku-0001', qty: 24 }], reason: '破损退货' },
  ),
};

export type { RebatePolicy };
