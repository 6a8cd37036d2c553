import { createRouter } from '../../_kit/router';
import { accept } from './actions/accept';
import { approve } from './actions/approve';
import { buyAgain } from './actions/buy-again';
import { cancel } from './actions/cancel';
import { complete } from './actions/complete';
import { confirmProxy } from './actions/confirm-proxy';
import { confirmReceipt } from './actions/confirm-receipt';
import { get } from './actions/get';
import { list } from './actions/list';
import { pendingApprovals } from './actions/pending-approvals';
import { payDown } from './actions/pay-down';
import { payOrder } from './actions/pay-order';
import { payStatus } from './actions/pay-status';
import { proxyConsent } from './actions/proxy-consent';
import { refuseProxy } from './actions/refuse-proxy';
import { reject } from './actions/reject';
import { ship } from './actions/ship';
import { statement } from './actions/statement';
import { submit } from './actions/submit';
import { submitForDealer } from './actions/submit-for-dealer';
import { track } from './actions/track';
import { withPayCallback } from './pay-callback';
import { autoComplete } from './timers/auto-complete';
import { autoConfirm } from './timers/auto-confirm';
import { expireProxy } from './timers/expire-proxy';
import { releaseHolds } from './timers/release-holds';

/** orders: submit, follow, approve, ship and confirm orders; statements; paying online (WeChat Pay, and its callback) and tracking. */
export const main = withPayCallback(
  createRouter(
    'orders',
    {
      submit,
      list,
      get,
      pendingApprovals,
      approve,
      reject,
      cancel,
      ship,
      confirmReceipt,
      complete,
      buyAgain,
      statement,
      submitForDealer,
      confirmProxy,
      refuseProxy,
      proxyConsent,
      payOrder,
      payDown,
      payStatus,
      track,
      accept,
    },
    { autoConfirm, autoComplete, releaseHolds, expireProxy },
  ),
);
