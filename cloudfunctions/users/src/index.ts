import { createRouter } from '../../_kit/router';
import { acceptInvitation } from './actions/accept-invitation';
import { me } from './actions/me';
import { recordSubscription } from './actions/record-subscription';

/** users: who the caller is, which notifications they agreed to receive, and binding an invitation to their WeChat account. */
export const main = createRouter('users', { me, recordSubscription, acceptInvitation });
