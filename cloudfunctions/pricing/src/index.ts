import { createRouter } from '../../_kit/router';
import { quote } from './actions/quote';

/** pricing: quote a cart for the calling dealer, every price explained. */
export const main = createRouter('pricing', { quote });
