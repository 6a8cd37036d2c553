import { createRouter } from '../../_kit/router';
import { adjustStock } from './actions/adjust-stock';
import { incoming } from './actions/incoming';
import { outgoing } from './actions/outgoing';
import { prices } from './actions/prices';
import { recordPayment } from './actions/record-payment';
import { sellThrough } from './actions/sell-through';
import { setPrice } from './actions/set-price';
import { status } from './actions/status';
import { stock } from './actions/stock';

/** tier: 二级分销 — a first-tier's sub-dealer prices, own stock, its children's orders and payments; the brand's sell-through (docs/two-tier.md). */
export const main = createRouter('tier', { status, prices, setPrice, stock, adjustStock, incoming, outgoing, recordPayment, sellThrough });
