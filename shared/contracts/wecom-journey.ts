import { z } from 'zod';
import { action } from '../contract';
// Direct files, not shared/wecom's index: the mini-program imports contracts and needs no XML parser.
import type { RelationStatus } from '../wecom/customer';
import type { BroughtBy, JourneyEntry, JourneyTotals } from '../wecom/journey';
import type { WantedTag } from '../wecom/tags';

/**
 * One record per customer journey: a WeCom customer with the mini-program users linked to it by
 * unionid, and the timeline of what they did (shared/wecom/journey). See docs/wecom.md.
 */
export interface CustomerJourneyView {
  customer: {
    externalUserId: string;
    name: string;
    avatar: string | null;
    /** The caller's relation (a clerk's own; for a dealer, the newest in their store; for the brand, the newest). */
    userId: string;
    clerkName: string | null;
    status: RelationStatus;
    statusLabel: string;
    tags: WantedTag[];
    /** Mini-program users joined to this customer by unionid. */
    linkedUsers: number;
  };
  broughtBy: BroughtBy;
  totals: JourneyTotals;
  entries: JourneyEntry[];
}

/** WeCom's external_userid: letters, digits, _ and -, at most 64. */
const externalUserId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, '客户编号不对');

export const wecomJourney = {
  /**
   * One customer's journey: tags, the campaign and code that brought them, and the timeline (added,
   * messages received, visits, lead, coupon, redemption with amount). A clerk sees her own
   * customers, a dealer owner her store's, the brand everyone's; any other is NOT_FOUND.
   */
  customerJourney: action<CustomerJourneyView>()(z.strictObject({ externalUserId }), { externalUserId: 'wmDemoCustomer0003' }),
};
