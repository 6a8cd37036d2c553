import { contracts } from '@shared/contracts';
import { askAllowance } from '@shared/insights/ai/rate';
import { regionsOf } from '../../../_capabilities/region-scope';
import { type Db, refuse } from '../../../_kit/db';
import { defineAction } from '../../../_kit/router';
import { answerQuestion } from '../assistant/loop';

/** Questions per minute per user (function environment variable INSIGHTS_ASK_PER_MINUTE, default 10). */
const perMinute = () => Number(process.env['INSIGHTS_ASK_PER_MINUTE']) || undefined;

/**
 * 问渠道: a manager's (their regions) or an admin's (all) question in words, answered by CloudBase
 * AI from our own queries, with the sources it used; the template brief when the model fails. The
 * rate limit is taken first, in a transaction on the asker's own usage document (keyed by the user
 * id the server resolved), so two questions sent at once cannot both take the last place.
 */
export const ask = defineAction(contracts.insights.ask, ['manager', 'admin'], async ({ question }, { db, caller, now }) => {
  const refused = await takeAskSlot(db, caller.user?._id ?? 'console', now);
  if (refused) return refused;
  return answerQuestion(db, question, { regions: regionsOf(caller) ?? [], now });
});

async function takeAskSlot(db: Db, userId: string, now: number) {
  const result = await db.transaction(async (tx) => {
    const usage = await tx.get('insight_ask_usage', userId);
    const allowed = askAllowance(usage?.stamps ?? [], now, perMinute());
    if (!allowed.ok) refuse('RATE_LIMITED', allowed.message, { retryAfterSeconds: allowed.retryAfterSeconds });
    await tx.set('insight_ask_usage', userId, { userId, stamps: allowed.stamps, updatedAt: now });
    return null;
  });
  return result;
}
