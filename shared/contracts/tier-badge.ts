import { z } from 'zod';
import { action } from '../contract';
import type { TierStatus } from './tier';

/**
 * tier.status alone, for 我的 (a tab page in the main package): whether the caller's dealer sells on
 * to second-tier dealers or orders through a first-tier, so 我的 shows the 二级分销 entries only to
 * them, without loading the tier function's other schemas into the main package.
 */
export const tierStatus = action<TierStatus>()(z.strictObject({}), {});
