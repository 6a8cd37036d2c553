import { z } from 'zod';
import { action } from '../contract';
import type { FinalStatement, OffboardingDoc } from '../offboarding';
import { WALLET_POLICIES } from '../offboarding';
import type { LevelProposalDoc, ScorecardDoc } from '../rating/types';

const dealerId = z.string().min(1).max(64);
/** An Asia/Shanghai month, YYYY-MM, in 2000–2099. */
export const monthKeySchema = z.string().regex(/^20\d{2}-(0[1-9]|1[0-2])$/, { message: '月份格式为 YYYY-MM，年份在 2000–2099 之间' });
const reason = z.string().trim().min(2).max(200);

export const successorSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('dealer'), dealerId }),
  z.strictObject({ kind: z.literal('brand') }),
]);

/** An offboarding as its runner sees it: the stored state plus the step it stopped at. */
export type OffboardingView = OffboardingDoc & { id: string; nextStep: string | null; statement: FinalStatement | null };

export type ScorecardView = ScorecardDoc & { id: string };
export type LevelProposalView = LevelProposalDoc & { id: string };

export const lifecycle = {
  /**
   * Start offboarding a dealer (admin, console; a manager for dealers of their regions): ordering
   * is frozen at once and the steps run as far as they can. Starting again with the same
   * successor and policy resumes it; with different ones it is refused (CONFLICT).
   */
  startOffboarding: action<OffboardingView>()(
    z.strictObject({
      dealerId,
      successor: successorSchema,
      walletPolicy: z.enum(WALLET_POLICIES),
      reason,
      /** The WeCom member who takes the customers over when the brand is the successor (or the successor dealer has none). */
      takeoverWecomUserId: z.string().min(1).max(64).optional(),
    }),
    { dealerId: 'dealer-012', successor: { kind: 'dealer', dealerId: 'dealer-001' }, walletPolicy: 'offset_receivable', reason: '合作到期不再续约' },
  ),
  /** Run a started offboarding's remaining steps again (a blocked step is retried). */
  runOffboarding: action<OffboardingView>()(z.strictObject({ dealerId, takeoverWecomUserId: z.string().min(1).max(64).optional() }), {
    dealerId: 'dealer-012',
  }),
  /** One dealer's offboarding: every step's state and the final statement. */
  offboarding: action<OffboardingView>()(z.strictObject({ dealerId }), { dealerId: 'dealer-012' }),
  /** The calling dealer's scorecards, newest first (a manager or admin names the dealer). */
  scorecards: action<{ items: ScorecardView[] }>()(z.strictObject({ dealerId: dealerId.optional(), limit: z.number().int().min(1).max(24).optional() }), {
    limit: 12,
  }),
  /** Compute (or recompute) one month's scorecards for every active dealer (admin, console). */
  computeScorecards: action<{ month: string; dealers: number; proposals: number; ratings: Record<string, number>; done: boolean }>()(
    z.strictObject({ month: monthKeySchema }),
    { month: '2026-11' },
  ),
  /** Level-change proposals waiting for a decision (a manager: their regions). */
  levelProposals: action<{ items: LevelProposalView[] }>()(
    z.strictObject({ status: z.enum(['pending', 'approved', 'rejected', 'superseded']).optional() }),
    {},
  ),
  /** Approve (the dealer's level changes, audited) or reject a level-change proposal. */
  decideLevelProposal: action<LevelProposalView>()(z.strictObject({ proposalId: z.string().min(1).max(80), approve: z.boolean(), reason }), {
    proposalId: 'dealer-012:2026-11',
    approve: true,
    reason: '连续两月评级提升',
  }),
};
