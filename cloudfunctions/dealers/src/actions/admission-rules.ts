import { contracts } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';
import { currentRuleSet, ruleSetView } from '../rule-set';

/** The admission rule set screening uses now, with its version and who saved it why. */
export const admissionRules = defineAction(contracts.dealers.admissionRules, ['admin', CONSOLE], async (_input, { db }) =>
  ruleSetView(await currentRuleSet(db)),
);
