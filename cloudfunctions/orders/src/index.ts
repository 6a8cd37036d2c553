import { createRouter } from '../../_kit/router';
import { approve, cancel, complete, confirmReceipt, reject, ship } from './actions/commands';
import { buyAgain, get, list, pendingApprovals } from './actions/queries';
import { statement } from './actions/statement';
import { submit } from './actions/submit';
import { autoComplete, autoConfirm } from './actions/timers';

/** orders: submit, follow, approve, ship and confirm orders; statements. */
export const main = createRouter(
  'orders',
  { submit, list, get, pendingApprovals, approve, reject, cancel, ship, confirmReceipt, complete, buyAgain, statement },
  { autoConfirm, autoComplete },
);
