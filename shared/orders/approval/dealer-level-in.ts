import { z } from 'zod';
import { inAudience, levelName, requiredLevelsSchema } from '../kit';
import { approvalRuleBaseShape } from './kit';
import type { ApprovalRuleDefinition } from './kit';

/** 指定等级: every order of a dealer whose level is listed (at least one: an empty list is refused, not "everyone"). */
const schema = z.strictObject({
  code: z.literal('dealer_level_in'),
  ...approvalRuleBaseShape,
  args: z.strictObject({
    levels: requiredLevelsSchema,
  }),
});

export const dealerLevelIn = {
  code: 'dealer_level_in',
  title: '指定经销商等级',
  schema,
  example: {
    code: 'dealer_level_in',
    id: 'apr-level-c',
    name: '分销商订单审批',
    args: { levels: ['C'] },
    steps: [{ role: 'manager', label: '渠道经理审批' }],
  },
  match(args, facts) {
    if (!inAudience({ levels: args.levels, regions: [] }, facts.dealer)) return null;
    return `经销商等级为 ${facts.dealer.level}（${levelName(facts.dealer.level)}）`;
  },
} satisfies ApprovalRuleDefinition<'dealer_level_in', typeof schema>;
