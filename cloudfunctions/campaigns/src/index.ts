import { createRouter } from '../../_kit/router';
import { coupon } from './actions/coupon';
import { create } from './actions/create';
import { end } from './actions/end';
import { funnel } from './actions/funnel';
import { funnelCsv } from './actions/funnel-csv';
import { get } from './actions/get';
import { landing } from './actions/landing';
import { lead } from './actions/lead';
import { list } from './actions/list';
import { myCode } from './actions/my-code';
import { publish } from './actions/publish';
import { redeem } from './actions/redeem';
import { roi } from './actions/roi';
import { setDealerBudget } from './actions/set-dealer-budget';
import { update } from './actions/update';
import { withdrawConsent } from './actions/withdraw-consent';
import { purgeLeadMobiles } from './timers/purge-lead-mobiles';

/**
 * campaigns: the material centre (campaign kits), sharers' codes, the consumer landing page
 * (visit, lead, coupon), in-store redemption and the attributed funnel (docs/campaigns.md).
 */
export const main = createRouter(
  'campaigns',
  {
    create,
    update,
    publish,
    end,
    list,
    get,
    myCode,
    landing,
    lead,
    coupon,
    redeem,
    funnel,
    funnelCsv,
    withdrawConsent,
    roi,
    setDealerBudget,
  },
  { purgeLeadMobiles },
);
