import { useCallback, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { AddressForm } from '../../components/AddressForm';
import { PageState } from '../../components/PageState';
import { Promotions } from '../../components/Promotions';
import { QuoteTotals } from '../../components/QuoteTotals';
import { SubmitFailure } from '../../components/SubmitFailure';
import { useQuote } from '../../hooks/useQuote';
import type { CartEntry } from '../../services/cart';
import { readCart, removeLine, setLineQty } from '../../services/cart';
import { BlockedLines, CheckoutLines, RebateRow, RemarkCard, StockWarning, SubmitBar } from './parts';
import { useAddress } from './useAddress';
import { useSubmitOrder } from './useSubmitOrder';
import { useSupplier } from './useSupplier';
import { useRebateChoice } from './useWallet';
import './index.scss';

/**
 * 确认订单: the cart re-priced by the server, the delivery address (the last one used, kept on the
 * phone), a remark, and 提交订单. The server prices, reserves stock and credit, and decides
 * approval; this page only sends what the buyer chose plus one idempotency key per checkout
 * (services/checkout), so a double tap or a retry after a lost answer makes one order.
 */
export default function CheckoutPage() {
  const [lines, setLines] = useState<CartEntry[]>(() => readCart());
  const [remark, setRemark] = useState('');
  const { priced, pending, failure: quoteFailure, requote } = useQuote();
  const reprice = useCallback(
    (next: CartEntry[]) => {
      setLines(next);
      requote(next);
    },
    [requote],
  );
  useEffect(() => reprice(readCart()), [reprice]);
  const address = useAddress();
  const rebate = useRebateChoice();
  const order = useSubmitOrder(() => reprice(readCart()));
  const supplier = useSupplier(lines.length > 0);

  if (lines.length === 0) {
    return (
      <View className="page page-checkout">
        <PageState
          status="empty"
          title="没有要结算的商品"
          description="购物车是空的。去商品页挑选商品，加入购物车后再来结算。"
          action={
            <View className="checkout-go-cart" onClick={() => void Taro.switchTab({ url: '/pages/cart/index' })}>
              返回购物车
            </View>
          }
        />
      </View>
    );
  }
  if (!priced) {
    return (
      <View className="page page-checkout">
        {quoteFailure && !pending ? (
          <PageState status="error" message={quoteFailure.message} onRetry={() => reprice(readCart())} retryText="重新计价" />
        ) : (
          <PageState status="loading" rows={5} />
        )}
      </View>
    );
  }

  const { totals, available } = priced.result;
  const rebateMax = rebate.maxFor(totals.payable);
  const rebateUsed = rebate.useFor(totals.payable);
  const payable = totals.payable - rebateUsed;
  const blocked = priced.result.lines.some((l) => l.kind === 'item' && l.error);
  const submit = () => {
    const checked = address.check();
    if (checked) void order.submit({ priced, address: checked, remark, rebateToUse: rebate.useFor(totals.payable) });
  };
  const fixLine = (sku: string, qty: number) => {
    order.clearFailure();
    reprice(qty > 0 ? setLineQty(sku, qty) : removeLine(sku));
  };

  return (
    <View className="page page-checkout">
      <AddressForm value={address.value} errors={address.errors} onChange={address.setField} />
      <CheckoutLines lines={priced.result.lines} available={available} />
      <Promotions scope="checkout" promotions={priced.result.promotions} />
      <RemarkCard value={remark} onChange={setRemark} />
      <QuoteTotals
        scope="checkout"
        totals={totals}
        rebate={rebateUsed}
        note={
          supplier ? (
            <Text className="checkout-note checkout-supplier muted">本单发给上级经销商 {supplier.name}，按其供货价计价、从其库存发货，由其接单和收款。</Text>
          ) : (
            <Text className="checkout-note muted">提交后由系统按最新价格、库存和信用额度确认；超过审批额度的订单需渠道经理审批。</Text>
          )
        }
      >
        {rebate.balance !== null && rebate.balance > 0 ? <RebateRow balance={rebate.balance} max={rebateMax} on={rebate.on} onToggle={rebate.toggle} /> : null}
      </QuoteTotals>
      <BlockedLines lines={priced.result.lines} />
      <StockWarning lines={priced.result.lines} available={available} onFix={fixLine} />
      {order.failure ? <SubmitFailure error={order.failure} quote={priced.result} onFix={fixLine} onRetry={submit} /> : null}
      <SubmitBar payable={payable} busy={order.busy} off={blocked} onSubmit={submit} />
    </View>
  );
}
