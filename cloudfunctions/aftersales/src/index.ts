import { createRouter } from '../../_kit/router';
import { approve } from './actions/approve';
import { get } from './actions/get';
import { list } from './actions/list';
import { receive } from './actions/receive';
import { reject } from './actions/reject';
import { withdraw } from './actions/withdraw';
import { request } from './actions/request';
import { returnable } from './actions/returnable';
import { setSettings } from './actions/set-settings';
import { settings } from './actions/settings';
import { shipBack } from './actions/ship-back';

/** aftersales: return requests (退货) from a delivered order to its credit — request, approve or reject (or the dealer withdraws), ship back, receive. */
export const main = createRouter('aftersales', { returnable, request, list, get, approve, reject, withdraw, shipBack, receive, settings, setSettings });
