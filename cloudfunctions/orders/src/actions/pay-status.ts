import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { defineAction } from '../../../_kit/router';

/** Where a pay-in of the caller's dealer stands (the pay page polls it after the pay sheet closes), and the receivable now. */
export const payStatus = defineAction(contracts.orders.payStatus, ['dealer'], async ({ outTradeNo }, { db, caller }) => {
  const payIn = await db.getById('wxpay_orders', outTradeNo);
  if (!payIn || payIn.dealerId !== caller.dealerId) return new Refusal('NOT_FOUND', '支付单不存在或无权查看');
  const receivable = (await db.getById('accounts', payIn.dealerId))?.receivable ?? 0;
  return { outTradeNo, amount: payIn.amount, status: payIn.status, receivable };
});
