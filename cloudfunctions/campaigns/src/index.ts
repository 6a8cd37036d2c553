import { createRouter } from '../../_kit/router';
import { create, end, publish, update } from './actions/admin';
import { funnel, funnelCsv } from './actions/funnel';
import { get, list, myCode } from './actions/kits';
import { landing, lead } from './actions/landing';
import { coupon, redeem } from './actions/redeem';

/**
 * campaigns: the material centre (campaign kits), sharers' codes, the consumer landing page
 * (visit, lead, coupon), in-store redemption and the attributed funnel (docs/campaigns.md).
 */
export const main = createRouter('campaigns', { create, update, publish, end, list, get, myCode, landing, lead, coupon, redeem, funnel, funnelCsv });
