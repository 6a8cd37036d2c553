import { createRouter } from '../../_kit/router';
import { approve } from './actions/approve';
import { buyAgain } from './actions/buy-again';
import { cancel } from './actions/cancel';
import { complete } from './actions/complete';
import { confirmReceipt } from './actions/confirm-receipt';
import { get } from './actions/get';
import { list } from './actions/list';
import { pendingApprovals } from './actions/pending-approvals';
import { reject } from './actions/reject';
import { ship } from './actions/ship';
import { statement } from './actions/statement';
import { submit } from './actions/submit';
import { autoComplete } from './timers/auto-complete';
import { autoConfirm } from './timers/auto-confirm';
import { releaseHolds } from './timers/release-holds';

/** orders: submit, follow, approve, ship and confirm orders; statements. */
export const main = createRouter(
  'orders',
  { submit, list, get, pendingApprovals, approve, reject, cancel, ship, confirmReceipt, complete, buyAgain, statement },
  { autoConfirm, autoComplete, releaseHolds },
);
