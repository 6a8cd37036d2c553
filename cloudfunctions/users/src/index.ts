import { createRouter } from '../../_kit/router';
import { me } from './actions/me';

/** users: who the caller is. */
export const main = createRouter('users', { me });
