import { createRouter } from '../../_kit/router';
import { get } from './actions/get';
import { list } from './actions/list';

/** catalog: the calling dealer's catalog with its own prices. */
export const main = createRouter('catalog', { list, get });
