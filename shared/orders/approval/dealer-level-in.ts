import { z } from 'zod';
import { DEALER_LEVELS, levelName } from '../kit';
import type { DealerLevel } from '../kit';
import { approvalRuleBaseShape } from './kit';
import type { ApprovalRuleDefinition } from './kit';

const levelCodes = Object.keys(DEALER_LEVELS) as [DealerLevel, ...DealerLevel[]];

/** 指定等级: every order of a dealer whose level is listed. */
const schema = z.strictObject({
  code: z.literal('dealer_level_in'),
  ...approvalRuleBaseShape,
  args: z.strictObject({
    levels: z
      .array(z.enum(levelCodes))
      .min(1)
      .max(levelCodes.length)
      .refine((l) => new Set(l).size === l.length, { message: '等级不能重复' }),
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
    if (!(args.levels as readonly string[]).includes(facts.dealer.level)) return null;
    return `经销商等级为 ${facts.dealer.level}（${levelName(facts.dealer.level)}）`;
  },
} satisfies ApprovalRuleDefinition<'dealer_level_in', typeof schema>;
