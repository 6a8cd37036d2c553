import { z } from 'zod';
import { action } from '../contract';
import { cancelOrderInputSchema, confirmReceiptInputSchema, submitOrderInputSchema } from '../orders/schemas';
import type { OrderView, SubmitOutput } from './orders';

/**
 * 代客下单 (orders on a dealer's behalf), actions of the orders function: a channel manager
 * submits the cart for a dealer of their region (priced and held exactly as the dealer's own
 * submit); the dealer confirms or refuses it, or authorises such orders to take effect at once.
 */
const dealerId = z.string().min(1).max(64);

export interface ProxyConsentOutput {
  /** True: the manager's proxy orders take effect without the dealer's confirmation. */
  authorised: boolean;
}

export const proxyActions = {
  /** A channel manager (or admin) submits an order for a dealer in their region: the dealer's submit, with placedBy. */
  submitForDealer: action<SubmitOutput>()(submitOrderInputSchema.extend({ dealerId }), {
    dealerId: 'dealer-001',
    clientOrderId: 'proxy-3f1c9a1e-8d4b-4c1a',
    lines: [{ sku: 'sku-0001', qty: 2, unit: '箱' }],
    address: { name: '王建国', mobile: '13900000001', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' },
  }),
  /** The dealer confirms a proxy order placed for it: approval starts as for its own submit. */
  confirmProxy: action<OrderView>()(confirmReceiptInputSchema, { orderId: 'order-000001' }),
  /** The dealer refuses a proxy order: its stock, credit and rebate are released. */
  refuseProxy: action<OrderView>()(cancelOrderInputSchema, { orderId: 'order-000001', reason: '这批货我们没有要' }),
  /** The dealer's 代客下单无需确认 setting: read it (no `authorised`) or set it (the owner only). */
  proxyConsent: action<ProxyConsentOutput>()(z.strictObject({ authorised: z.boolean().optional() }), { authorised: true }),
};
