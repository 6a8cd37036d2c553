import { useEffect } from 'react';
import { call } from '../../../services/cloud';

/** Asked once per app session: a second call would only find the link already made. */
let asked = false;

/**
 * Joins the consumer to their WeCom customer record (wecom.linkMe), so the visit, the lead, the
 * coupon and its redemption show in the customer's journey for the clerk who serves them. The
 * function reads the unionid WeChat gives it (only when the mini-program is bound to the brand's
 * Open Platform account); without one it answers `linked: false` and nothing changes, so the
 * answer is not waited for and a failure is not shown: the page works the same either way.
 */
export function useLinkMe(): void {
  useEffect(() => {
    if (asked) return;
    asked = true;
    void call('wecom', 'linkMe', {}).catch(() => undefined);
  }, []);
}
