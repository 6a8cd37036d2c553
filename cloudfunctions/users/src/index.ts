import { createRouter } from '../../_kit/router';
import { me } from './actions/me';
import { recordSubscription } from './actions/record-subscription';

/** users: who the caller is, and which notifications they agreed to receive. */
export const main = createRouter('users', { me, recordSubscription });
