import { contracts } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';
import { policyOf } from '../scope';

/** The brand's after-sales settings: the return window in days after delivery. */
export const settings = defineAction(contracts.aftersales.settings, ['dealer', 'clerk', 'manager', 'admin', CONSOLE], async (_input, { db }) => policyOf(db));
