import { useEffect, useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { ErrorBody } from '@shared/envelope';
import { GiftLines } from '../../components/GiftLines';
import { PageState } from '../../components/PageState';
import { Promotions } from '../../components/Promotions';
import { QuoteTotals } from '../../components/QuoteTotals';
import { TabClosed } from '../../components/TabClosed';
import { useQuote } from '../../hooks/useQuote';
import type { CartEntry } from '../../services/cart';
import { clearCart, readCart, removeLine, setLineQty } from '../../services/cart';
import { useTabAccess } from '../../services/tabs';
import icon from '../../assets/tab/cart-on.png';
import { CartLine } from './CartLine';
import { CartEmpty, CheckoutBar, OrderHints } from './parts';
import './index.scss';

/** A change is priced this long after the buyer stops tapping. */
const REQUOTE_DEBOUNCE_MS = 400;

/**
 * 购物车: the local cart, priced by the server (useQuote) when the tab opens and after every
 * change. The last good quote stays on screen while a new one is on its way (重新计价中), and a
 * slow answer for an old quantity never overwrites the price of the current one. Only dealers
 * order: anyone else is told what the tab is for, and nothing is priced.
 */
/** `refresh`: bumped by the PC portal's side cart (pages/catalog/PortalCart.h5.tsx) when the catalog changed the cart. */
export default function CartPage({ refresh = 0 }: { refresh?: number }) {
  const { access, refused } = useTabAccess('cart');
  const openRef = useRef(access.status === 'open');
  openRef.current = access.status === 'open';
  const [lines, setLines] = useState<CartEntry[]>(() => readCart());
  // Refused: the role the phone remembered is out of date; ask who the caller is now.
  const { priced, pending, failure, requote } = useQuote((e: ErrorBody) => {
    if (e.code === 'FORBIDDEN' || e.code === 'UNAUTHENTICATED') refused();
  });

  // Every time the tab shows: the cart may have grown on 商品 or 商品详情, and prices may have moved.
  const reread = () => {
    const now = readCart();
    setLines(now);
    if (openRef.current) requote(now, 0);
  };
  useDidShow(reread);
  useEffect(() => void (refresh > 0 && reread()), [refresh]); // eslint-disable-line react-hooks/exhaustive-deps
  // The first launch learns who the caller is after the tab showed: price once it opens.
  const accessBefore = useRef(access.status);
  useEffect(() => {
    if (access.status === 'open' && accessBefore.current !== 'open') requote(readCart(), 0);
    accessBefore.current = access.status;
  }, [access.status, requote]);

  const change = (next: CartEntry[], delay = REQUOTE_DEBOUNCE_MS) => {
    setLines(next);
    requote(next, delay);
  };
  const clearAll = () => {
    void Taro.showModal({ title: '清空购物车', content: '确定移除购物车里的全部商品吗？', confirmText: '清空', confirmColor: '#d93026' }).then((r) => {
      if (r.confirm) change(clearCart(), 0);
    });
  };

  if (access.status !== 'open') {
    return (
      <View className="page page-cart">
        {access.status === 'checking' ? <PageState status="loading" rows={4} /> : <TabClosed tab="cart" audience={access.audience} icon={icon} />}
      </View>
    );
  }
  if (lines.length === 0) {
    return (
      <View className="page page-cart">
        <CartEmpty icon={icon} />
      </View>
    );
  }
  const failed = failure && !pending ? failure.message : null;
  if (!priced) {
    return (
      <View className="page page-cart">
        {failed ? (
          <PageState status="error" message={failed} onRetry={() => requote(lines, 0)} retryText="重新计价" />
        ) : (
          <PageState status="loading" rows={4} />
        )}
      </View>
    );
  }

  const result = priced.result;
  const blocked = result.lines.filter((l) => l.kind === 'item' && l.error).length;
  return (
    <View className="page page-cart">
      <View className="cart-toolbar">
        <Text className="cart-count">共 {lines.length} 种商品</Text>
        {pending ? <Text className="cart-requoting">重新计价中…</Text> : null}
        <Button className="cart-clear" fill="none" size="small" onClick={clearAll}>
          清空
        </Button>
      </View>
      {failed ? (
        <View className="cart-quote-failed" onClick={() => requote(lines, 0)}>
          价格未能更新：{failed}。下面是上一次的计价，点击重试
        </View>
      ) : null}
      <OrderHints almost={result.almostReached} />
      {lines.map((entry) => (
        <CartLine key={entry.sku} entry={entry} priced={priced} onQty={(sku, q) => change(setLineQty(sku, q))} onRemove={(sku) => change(removeLine(sku), 0)} />
      ))}
      <GiftLines scope="cart" lines={result.lines} />
      <Promotions scope="cart" promotions={result.promotions} />
      <QuoteTotals scope="cart" totals={result.totals} showGiftValue />
      <CheckoutBar payable={result.totals.payable} blocked={blocked} pending={pending} />
    </View>
  );
}
