import { contracts } from '@shared/contracts';
import { regionsOf } from '../../../_capabilities/region-scope';
import { defineAction } from '../../../_kit/router';
import { answerQuestion } from '../assistant/loop';

/**
 * 问渠道: a manager's (their regions) or an admin's (all) question in words, answered by CloudBase
 * AI from our own queries, with the sources it used; the template brief when the model fails.
 */
export const ask = defineAction(contracts.insights.ask, ['manager', 'admin'], async ({ question }, { db, caller, now }) => {
  return answerQuestion(db, question, { regions: regionsOf(caller) ?? [], now });
});
