import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { formatFen } from '@shared/money/format-fen';
import type { QuoteLine, QuoteResult } from '@shared/pricing/types';
import { PageState } from '../../components/PageState';
import { PriceSteps } from '../../components/PriceSteps';
import { QtyStepper } from '../../components/QtyStepper';
import { TabClosed } from '../../components/TabClosed';
import type { CartEntry } from '../../services/cart';
import { clearCart, readCart, removeLine, setLineQty } from '../../services/cart';
import { call } from '../../services/cloud';
import { useTabAccess } from '../../services/tabs';
import icon from '../../assets/tab/cart-on.png';
import './index.scss';

/** A change is priced this long after the buyer stops tapping. */
const REQUOTE_DEBOUNCE_MS = 400;

interface Priced {
  /** The lines exactly as they were sent; quote.lines[i].lineIndex points into this. */
  sent: CartEntry[];
  result: QuoteResult;
}

/**
 * 购物车: the local cart, priced by the server (pricing.quote) when the tab opens and after every
 * change. The last good quote stays on screen while a new one is on its way (重新计价中), and an
 * answer that arrives after a newer request started is dropped, so a slow answer for an old
 * quantity never overwrites the price of the current one. Only dealers order: anyone else is told
 * what the tab is for, and nothing is priced.
 */
export default function CartPage() {
  const { access, refused } = useTabAccess('cart');
  const openRef = useRef(access.status === 'open');
  openRef.current = access.status === 'open';
  const [lines, setLines] = useState<CartEntry[]>(() => readCart());
  const [priced, setPriced] = useState<Priced | null>(null);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const seq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const requote = useCallback((next: CartEntry[], delay: number) => {
    if (timer.current) clearTimeout(timer.current);
    const mine = ++seq.current;
    if (next.length === 0) {
      setPending(false);
      setPriced(null);
      setFailure(null);
      return;
    }
    setPending(true);
    timer.current = setTimeout(() => {
      timer.current = null;
      void call('pricing', 'quote', { lines: next.map((l) => ({ sku: l.sku, qty: l.qty, unit: l.unit })) }).then((res) => {
        if (mine !== seq.current) return;
        setPending(false);
        if (res.ok) {
          setPriced({ sent: next, result: res.data });
          setFailure(null);
        } else {
          setFailure(res.error.message);
          // Refused: the role the phone remembered is out of date; ask who the caller is now.
          if (res.error.code === 'FORBIDDEN' || res.error.code === 'UNAUTHENTICATED') refused();
        }
      });
    }, delay);
  }, [refused]);

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  // Every time the tab shows: the cart may have grown on 商品 or 商品详情, and prices may have moved.
  useDidShow(() => {
    const now = readCart();
    setLines(now);
    if (openRef.current) requote(now, 0);
  });
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
  const setQty = (sku: string, qty: number) => change(setLineQty(sku, qty));
  const remove = (sku: string) => change(removeLine(sku), 0);
  const clearAll = () => {
    void Taro.showModal({ title: '清空购物车', content: '确定移除购物车里的全部商品吗？', confirmText: '清空', confirmColor: '#d93026' }).then((r) => {
      if (r.confirm) change(clearCart(), 0);
    });
  };

  if (access.status === 'checking') {
    return (
      <View className="page page-cart">
        <PageState status="loading" rows={4} />
      </View>
    );
  }
  if (access.status === 'closed') {
    return (
      <View className="page page-cart">
        <TabClosed tab="cart" audience={access.audience} icon={icon} />
      </View>
    );
  }

  if (lines.length === 0) {
    return (
      <View className="page page-cart">
        <PageState
          status="empty"
          icon={icon}
          title="购物车是空的"
          description="去商品页挑选商品，这里会按你的经销商价格汇总，并告诉你每一行价格的由来和再买多少可享满减。"
          action={
            <View className="cart-go-catalog" onClick={() => void Taro.switchTab({ url: '/pages/catalog/index' })}>
              去挑选商品
            </View>
          }
        />
      </View>
    );
  }

  if (!priced) {
    return (
      <View className="page page-cart">
        {failure && !pending ? (
          <PageState status="error" message={failure} onRetry={() => requote(lines, 0)} retryText="重新计价" />
        ) : (
          <PageState status="loading" rows={4} />
        )}
      </View>
    );
  }

  const result = priced.result;
  const gifts = result.lines.filter((l) => l.kind === 'gift');
  const blocked = result.lines.filter((l) => l.kind === 'item' && l.error).length;

  return (
    <View className="page page-cart">
      <View className="cart-toolbar">
        <Text className="cart-count">共 {lines.length} 种商品</Text>
        {pending ? <Text className="cart-requoting">重新计价中…</Text> : null}
        <Text className="cart-clear" onClick={clearAll}>
          清空
        </Text>
      </View>

      {failure && !pending ? (
        <View className="cart-quote-failed" onClick={() => requote(lines, 0)}>
          价格未能更新：{failure}。下面是上一次的计价，点击重试
        </View>
      ) : null}

      {/* Order-level hints (满减, 满折) on top; a line's own (tiers, 买赠) sit on that line. */}
      {result.almostReached.filter((a) => a.sku === null).map((a) => (
        <View key={`${a.ruleId}-${a.sku ?? 'order'}`} className="cart-almost">
          <Text className="cart-almost-tag">凑单</Text>
          <Text className="cart-almost-text">{a.message}</Text>
        </View>
      ))}

      {lines.map((entry) => (
        <CartLineView key={entry.sku} entry={entry} priced={priced} onQty={setQty} onRemove={remove} />
      ))}

      {gifts.map((g, i) => (
        <View key={`gift-${g.sku}-${i}`} className="card cart-line cart-line-gift">
          <View className="cart-line-head">
            <Text className="cart-gift-tag">赠品</Text>
            <Text className="cart-line-name">{g.name}</Text>
          </View>
          <Text className="cart-line-meta">
            {g.qty} {g.baseUnit} · 价值 {formatFen(g.listAmount || g.listPrice * g.qty)}
            {g.gift ? ` · 来自「${g.gift.name}」` : ''}
          </Text>
        </View>
      ))}

      {result.promotions.length > 0 ? (
        <View className="card cart-promotions">
          <Text className="cart-section-title">已享优惠</Text>
          {result.promotions.map((p) => (
            <View key={p.ruleId} className="cart-promotion">
              <Text className="cart-promotion-name">{p.name}</Text>
              <Text className="cart-promotion-saved">{p.code === 'buy_x_get_y' ? `赠品价值 ${formatFen(p.saved)}` : `省 ${formatFen(p.saved)}`}</Text>
            </View>
          ))}
        </View>
      ) : null}

      <View className="card cart-totals">
        <View className="cart-total-row">
          <Text>商品金额</Text>
          <Text className="cart-total-list">{formatFen(result.totals.listTotal)}</Text>
        </View>
        <View className="cart-total-row">
          <Text>优惠</Text>
          <Text className="cart-total-discount">-{formatFen(result.totals.discountTotal)}</Text>
        </View>
        {result.totals.giftValue > 0 ? (
          <View className="cart-total-row">
            <Text>赠品价值</Text>
            <Text className="cart-total-gifts">{formatFen(result.totals.giftValue)}</Text>
          </View>
        ) : null}
        <View className="cart-total-row cart-total-row-payable">
          <Text>应付</Text>
          <Text className="cart-total-payable">{formatFen(result.totals.payable)}</Text>
        </View>
      </View>

      <CheckoutBar payable={result.totals.payable} blocked={blocked} pending={pending} />
    </View>
  );
}

function CartLineView({
  entry,
  priced,
  onQty,
  onRemove,
}: {
  entry: CartEntry;
  priced: Priced;
  onQty: (sku: string, qty: number) => void;
  onRemove: (sku: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const sentIndex = priced.sent.findIndex((s) => s.sku === entry.sku);
  const line: QuoteLine | null = sentIndex < 0 ? null : (priced.result.lines.find((l) => l.kind === 'item' && l.lineIndex === sentIndex) ?? null);
  const sent = sentIndex < 0 ? null : priced.sent[sentIndex]!;
  // Priced for another quantity: still shown, dimmed, until the new quote lands.
  const stale = !sent || sent.qty !== entry.qty || sent.unit !== entry.unit;
  const error = line?.error ?? null;
  const fixes = error ? suggestedQuantities(error.details, entry) : [];

  return (
    <View className={`card cart-line cart-line-${entry.sku}${error ? ' cart-line-has-error' : ''}${stale ? ' cart-line-stale' : ''}`}>
      <View className="cart-line-head">
        <Text className="cart-line-name">{line?.name || entry.sku}</Text>
        <Text className="cart-line-remove" onClick={() => onRemove(entry.sku)}>
          删除
        </Text>
      </View>
      <View className="cart-line-body">
        <QtyStepper className="cart-line-stepper" value={entry.qty} min={1} step={1} unit={entry.unit} onChange={(q) => onQty(entry.sku, q)} />
        {line && !error ? (
          <View className="cart-line-money">
            <Text className="cart-line-amount">{formatFen(line.amount)}</Text>
            <Text className="cart-line-unit-price">
              {formatFen(line.unitPrice)}/{line.baseUnit}
              {line.listPrice !== line.unitPrice ? <Text className="cart-line-list-price"> {formatFen(line.listPrice)}</Text> : null}
            </Text>
          </View>
        ) : null}
      </View>
      {line && !error && line.orderedUnit !== line.baseUnit ? (
        <Text className="cart-line-meta">
          {line.orderedQty} {line.orderedUnit} = {line.qty} {line.baseUnit}
          {line.orderDiscount > 0 ? ` · 满减分摊 -${formatFen(line.orderDiscount)}` : ''}
        </Text>
      ) : null}
      {!error
        ? priced.result.almostReached
            .filter((a) => a.sku === entry.sku)
            .map((a) => (
              <Text key={a.ruleId} className="cart-line-almost">
                {a.message}
              </Text>
            ))
        : null}
      {error ? (
        <View className="cart-line-error">
          <Text className="cart-line-error-text">{error.message}</Text>
          {fixes.map((q) => (
            <Text key={q} className="cart-line-fix" onClick={() => onQty(entry.sku, q)}>
              改为 {q} {entry.unit}
            </Text>
          ))}
        </View>
      ) : null}
      {line && !error && line.steps.length > 0 ? (
        <View className="cart-line-why">
          <Text className="cart-line-steps-toggle" onClick={() => setOpen(!open)}>
            {open ? '收起价格明细 ▴' : '为什么是这个价 ▾'}
          </Text>
          {open ? <PriceSteps steps={line.steps} baseUnit={line.baseUnit} itemClassName="cart-line-step" /> : null}
        </View>
      ) : null}
    </View>
  );
}

/** Quantities the server said it would accept (details.suggestedQty, in the line's unit). */
function suggestedQuantities(details: Record<string, unknown>, entry: CartEntry): number[] {
  if (details['unit'] !== undefined && details['unit'] !== entry.unit) return [];
  const raw = details['suggestedQty'];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.filter((q): q is number => typeof q === 'number' && Number.isSafeInteger(q) && q >= 1 && q !== entry.qty).slice(0, 2);
}

/**
 * 去结算: opens 确认订单 (packages/checkout), which re-reads the cart and re-prices it. Off while
 * a line needs fixing (blocked = lines with errors) or a new price is on its way.
 */
function CheckoutBar({ payable, blocked, pending }: { payable: number; blocked: number; pending: boolean }) {
  const off = blocked > 0 || pending;
  return (
    <View className="cart-checkout-bar">
      <View className="cart-checkout-sum">
        <Text className="cart-checkout-label">应付</Text>
        <Text className="cart-checkout-payable">{formatFen(payable)}</Text>
        {blocked > 0 ? <Text className="cart-blocked">{blocked} 种商品需调整后才能下单</Text> : null}
      </View>
      <View
        className={`cart-checkout${off ? ' cart-checkout-off' : ''}${pending ? ' cart-checkout-pending' : ''}`}
        onClick={() => {
          if (!off) void Taro.navigateTo({ url: '/packages/checkout/index' });
        }}
      >
        去结算
      </View>
    </View>
  );
}
