import { useCallback, useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, Textarea, View } from '@tarojs/components';
import type { ErrorBody } from '@shared/envelope';
import { formatFen } from '@shared/money/format-fen';
import type { QuoteLine, QuoteResult } from '@shared/pricing/types';
import type { Address } from '@shared/orders/schemas';
import { PageState } from '../../components/PageState';
import type { CartEntry } from '../../services/cart';
import { readCart, removeLine, setLineQty } from '../../services/cart';
import type { AddressForm } from '../../services/checkout';
import { ADDRESS_FIELDS, checkAddress, checkoutId, finishCheckout, readLastAddress, removeOrderedLines, saveLastAddress } from '../../services/checkout';
import { call } from '../../services/cloud';
import { askConsent } from '../../services/notifications';
import { knownMe, loadMe } from '../../services/session';
import { REBATE_SPEND_RULE } from '@shared/contracts/rebates';
import { spendCap } from '@shared/rebates/wallet';
import './index.scss';

const REMARK_MAX = 200;

interface Priced {
  sent: CartEntry[];
  result: QuoteResult;
}

/**
 * 确认订单: the cart re-priced by the server, the delivery address (the last one used, kept on the
 * phone), a remark, and 提交订单. The server prices, reserves stock and credit, and decides
 * approval; this page only sends what the buyer chose plus one idempotency key per checkout
 * (services/checkout), so a double tap or a retry after a lost answer makes one order.
 */
export default function CheckoutPage() {
  const [lines, setLines] = useState<CartEntry[]>(() => readCart());
  const [priced, setPriced] = useState<Priced | null>(null);
  const [quoteError, setQuoteError] = useState<string | null>(null);
  const [form, setForm] = useState<AddressForm>(() => readLastAddress());
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<keyof Address, string>>>({});
  const [remark, setRemark] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ErrorBody | null>(null);
  // Taps land faster than React re-renders the disabled button: guard synchronously as well.
  const submitting = useRef(false);
  const seq = useRef(0);
  // The rebate wallet (返利): its balance, and whether the buyer chose to spend it on this order.
  const [walletBalance, setWalletBalance] = useState<number | null>(null);
  const [useRebate, setUseRebate] = useState(false);

  useEffect(() => {
    // Nothing to pay for, nothing to ask: an empty cart makes no call.
    if (readCart().length === 0) return;
    // 提交订单 asks consent to the order's notifications, with the templates users.me lists:
    // they must be at hand when the button is tapped.
    if (!knownMe()) void loadMe();
    void call('rebates', 'wallet', { limit: 1 }).then((res) => setWalletBalance(res.ok ? res.data.balance : null));
  }, []);

  const requote = useCallback((next: CartEntry[]) => {
    const mine = ++seq.current;
    setLines(next);
    setQuoteError(null);
    if (next.length === 0) {
      setPriced(null);
      return;
    }
    void call('pricing', 'quote', { lines: next.map((l) => ({ sku: l.sku, qty: l.qty, unit: l.unit })) }).then((res) => {
      if (mine !== seq.current) return;
      if (res.ok) setPriced({ sent: next, result: res.data });
      else setQuoteError(res.error.message);
    });
  }, []);

  useEffect(() => {
    requote(readCart());
  }, [requote]);

  const setField = (key: keyof Address, value: string) => {
    setForm((f) => ({ ...f, [key]: value }));
    if (fieldErrors[key]) setFieldErrors((e) => ({ ...e, [key]: undefined }));
  };

  const submit = async () => {
    if (submitting.current || !priced) return;
    const checked = checkAddress(form);
    if (!checked.ok) {
      setFieldErrors(checked.errors);
      void Taro.showToast({ title: Object.values(checked.errors)[0] ?? '请完善收货地址', icon: 'none' });
      return;
    }
    submitting.current = true;
    setBusy(true);
    setFailure(null);
    // Still inside the tap: WeChat opens its consent dialog only now. The order goes once it is answered.
    await askConsent('submit_order');
    const sent = priced.sent;
    const res = await call('orders', 'submit', {
      clientOrderId: checkoutId(),
      lines: sent.map((l) => ({ sku: l.sku, qty: l.qty, unit: l.unit })),
      address: checked.address,
      remark: remark.trim(),
      rebateToUse: rebateToUse(priced.result),
    });
    if (res.ok) {
      const order = res.data.order;
      saveLastAddress(checked.address);
      finishCheckout();
      removeOrderedLines(sent, order.lines.filter((l) => l.kind === 'item').map((l) => l.sku));
      void Taro.showToast({ title: res.data.replayed ? '订单已提交（未重复下单）' : '订单已提交', icon: 'success' });
      // The button stays busy: this checkout is over.
      void Taro.redirectTo({ url: `/packages/orders/detail/index?id=${encodeURIComponent(order.id)}` });
      return;
    }
    submitting.current = false;
    setBusy(false);
    if (res.error.code === 'CONFLICT') {
      // This checkout's key already made an order with another cart, or a promotion limited per
      // dealer was just used up: the next submit is a new order, at the price quoted again now.
      finishCheckout();
      requote(readCart());
    }
    setFailure(res.error);
  };

  /** What to ask the server to deduct: the most this order may use, when the buyer chose to use it. */
  function rebateToUse(quote: QuoteResult): number {
    return useRebate && walletBalance !== null ? spendCap(quote.totals.payable, REBATE_SPEND_RULE, walletBalance) : 0;
  }

  const fixLine = (sku: string, qty: number) => {
    setFailure(null);
    requote(qty > 0 ? setLineQty(sku, qty) : removeLine(sku));
  };

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
        {quoteError ? <PageState status="error" message={quoteError} onRetry={() => requote(readCart())} retryText="重新计价" /> : <PageState status="loading" rows={5} />}
      </View>
    );
  }

  const result = priced.result;
  const rebateMax = walletBalance === null ? 0 : spendCap(result.totals.payable, REBATE_SPEND_RULE, walletBalance);
  const rebate = useRebate ? rebateMax : 0;
  const payable = result.totals.payable - rebate;
  const items = result.lines.filter((l) => l.kind === 'item');
  const gifts = result.lines.filter((l) => l.kind === 'gift');
  const blocked = items.filter((l) => l.error);

  return (
    <View className="page page-checkout">
      <View className="card checkout-address">
        <Text className="checkout-section-title">收货地址</Text>
        {ADDRESS_FIELDS.map((f) => (
          <View key={f.key} className={`checkout-field checkout-field-${f.key}${fieldErrors[f.key] ? ' checkout-field-invalid' : ''}`}>
            <Text className="checkout-field-label">{f.label}</Text>
            <Input
              className={`checkout-input checkout-input-${f.key}`}
              type={f.key === 'mobile' ? 'number' : 'text'}
              value={form[f.key]}
              maxlength={f.max}
              placeholder={f.placeholder}
              onInput={(e) => setField(f.key, e.detail.value)}
            />
            {fieldErrors[f.key] ? <Text className={`checkout-field-error checkout-field-error-${f.key}`}>{fieldErrors[f.key]}</Text> : null}
          </View>
        ))}
      </View>

      <View className="card checkout-lines">
        <Text className="checkout-section-title">商品（{items.length} 种）</Text>
        {items.map((l) => (
          <CheckoutLine key={l.sku} line={l} />
        ))}
        {gifts.map((g, i) => (
          <View key={`gift-${g.sku}-${i}`} className="checkout-line checkout-line-gift">
            <View className="checkout-line-head">
              <Text className="checkout-gift-tag">赠品</Text>
              <Text className="checkout-line-name">{g.name}</Text>
            </View>
            <Text className="checkout-line-meta">
              {g.qty} {g.baseUnit}
              {g.gift ? ` · 来自「${g.gift.name}」` : ''}
            </Text>
          </View>
        ))}
      </View>

      {result.promotions.length > 0 ? (
        <View className="card checkout-promotions">
          <Text className="checkout-section-title">已享优惠</Text>
          {result.promotions.map((p) => (
            <View key={p.ruleId} className="checkout-row checkout-promotion">
              <Text>{p.name}</Text>
              <Text className="checkout-saved">{p.code === 'buy_x_get_y' ? `赠品价值 ${formatFen(p.saved)}` : `省 ${formatFen(p.saved)}`}</Text>
            </View>
          ))}
        </View>
      ) : null}

      <View className="card checkout-remark">
        <Text className="checkout-section-title">备注</Text>
        <Textarea
          className="checkout-remark-input"
          value={remark}
          maxlength={REMARK_MAX}
          placeholder="选填：送货时间、卸货要求等"
          autoHeight
          onInput={(e) => setRemark(e.detail.value)}
        />
      </View>

      <View className="card checkout-totals">
        <View className="checkout-row">
          <Text>商品金额</Text>
          <Text className="checkout-list-total">{formatFen(result.totals.listTotal)}</Text>
        </View>
        <View className="checkout-row">
          <Text>优惠</Text>
          <Text className="checkout-discount">-{formatFen(result.totals.discountTotal)}</Text>
        </View>
        {walletBalance !== null && walletBalance > 0 ? (
          <View className={`checkout-row checkout-rebate${useRebate ? ' checkout-rebate-on' : ''}`} onClick={() => setUseRebate((v) => !v)}>
            <Text>
              返利抵扣（余额 {formatFen(walletBalance)}，本单最多 {formatFen(rebateMax)}）
            </Text>
            <Text className="checkout-rebate-amount">{useRebate ? `-${formatFen(rebate)}` : '不使用'}</Text>
          </View>
        ) : null}
        <View className="checkout-row checkout-row-payable">
          <Text>应付</Text>
          <Text className="checkout-payable">{formatFen(payable)}</Text>
        </View>
        <Text className="checkout-note muted">提交后由系统按最新价格、库存和信用额度确认；超过审批额度的订单需渠道经理审批。</Text>
      </View>

      {blocked.length > 0 ? (
        <View className="checkout-error checkout-blocked">
          <Text className="checkout-error-title">{blocked.length} 种商品暂不能下单</Text>
          {blocked.map((l) => (
            <Text key={l.sku} className="checkout-error-text">
              {l.name || l.sku}：{l.error?.message}
            </Text>
          ))}
          <View className="checkout-error-action" onClick={() => void Taro.navigateBack()}>
            返回购物车修改
          </View>
        </View>
      ) : null}

      {failure ? <SubmitFailure error={failure} priced={priced} onFix={fixLine} onRetry={() => void submit()} /> : null}

      <View className="checkout-bar">
        <View className="checkout-bar-sum">
          <Text className="checkout-bar-label">应付</Text>
          <Text className="checkout-bar-payable">{formatFen(payable)}</Text>
        </View>
        <View
          className={`checkout-submit${busy ? ' checkout-submit-busy' : ''}${blocked.length > 0 ? ' checkout-submit-off' : ''}`}
          onClick={() => {
            if (!busy && blocked.length === 0) void submit();
          }}
        >
          {busy ? '提交中…' : '提交订单'}
        </View>
      </View>
    </View>
  );
}

function CheckoutLine({ line }: { line: QuoteLine }) {
  return (
    <View className={`checkout-line checkout-line-${line.sku}`}>
      <View className="checkout-line-head">
        <Text className="checkout-line-name">{line.name || line.sku}</Text>
        {line.error ? null : <Text className="checkout-line-amount">{formatFen(line.payable)}</Text>}
      </View>
      <Text className="checkout-line-meta">
        {line.orderedQty} {line.orderedUnit}
        {line.orderedUnit !== line.baseUnit ? ` = ${line.qty} ${line.baseUnit}` : ''}
        {line.error ? '' : ` · ${formatFen(line.unitPrice)}/${line.baseUnit}`}
        {line.orderDiscount > 0 ? ` · 满减分摊 -${formatFen(line.orderDiscount)}` : ''}
      </Text>
    </View>
  );
}

interface Shortage {
  sku: string;
  requested: number;
  available: number;
}

function shortagesOf(details: Record<string, unknown> | undefined): Shortage[] {
  const raw = details?.['shortages'];
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (s): s is Shortage =>
      typeof s === 'object' && s !== null && typeof (s as Shortage).sku === 'string' && typeof (s as Shortage).requested === 'number' && typeof (s as Shortage).available === 'number',
  );
}

function fen(details: Record<string, unknown> | undefined, key: string): number | null {
  const v = details?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** What went wrong with 提交订单, in words, and what the buyer can do about it right here. */
function SubmitFailure({
  error,
  priced,
  onFix,
  onRetry,
}: {
  error: ErrorBody;
  priced: Priced;
  onFix: (sku: string, qty: number) => void;
  onRetry: () => void;
}) {
  const lineOf = (sku: string) => priced.result.lines.find((l) => l.kind === 'item' && l.sku === sku) ?? null;
  if (error.code === 'OUT_OF_STOCK') {
    const shortages = shortagesOf(error.details);
    return (
      <View className="checkout-error checkout-error-OUT_OF_STOCK">
        <Text className="checkout-error-title">库存不足，订单未提交</Text>
        <Text className="checkout-error-text">以下商品库存不够，请减少数量后重新提交（其余商品不受影响）：</Text>
        {shortages.map((s) => {
          const line = lineOf(s.sku);
          const unit = line?.orderedUnit ?? '件';
          const factor = line && line.orderedQty > 0 ? Math.max(1, Math.round(line.qty / line.orderedQty)) : 1;
          const fit = Math.floor(s.available / factor);
          const baseUnit = line?.baseUnit ?? '件';
          return (
            <View key={s.sku} className={`checkout-shortage checkout-shortage-${s.sku}`}>
              <Text className="checkout-shortage-text">
                {line?.name || s.sku}（{s.sku}）：需要 {s.requested} {baseUnit}，可订 {s.available} {baseUnit}
              </Text>
              <Text className="checkout-shortage-fix" onClick={() => onFix(s.sku, fit)}>
                {fit > 0 ? `改为 ${fit} ${unit}` : '移除该商品'}
              </Text>
            </View>
          );
        })}
        {shortages.length === 0 ? <Text className="checkout-error-text">{error.message}</Text> : null}
      </View>
    );
  }
  if (error.code === 'CREDIT_LIMIT_EXCEEDED') {
    const headroom = fen(error.details, 'headroom');
    const shortBy = fen(error.details, 'shortBy');
    return (
      <View className="checkout-error checkout-error-CREDIT_LIMIT_EXCEEDED">
        <Text className="checkout-error-title">信用额度不足，订单未提交</Text>
        {headroom !== null ? <Text className="checkout-headroom">当前可用额度 {formatFen(Math.max(0, headroom))}</Text> : null}
        {shortBy !== null ? <Text className="checkout-error-text">本单还差 {formatFen(shortBy)}。</Text> : null}
        <Text className="checkout-error-text">请先向品牌方回款释放额度，或返回购物车减少商品后再提交。</Text>
        <View className="checkout-error-action" onClick={() => void Taro.navigateBack()}>
          返回购物车修改
        </View>
      </View>
    );
  }
  if (error.code === 'MOQ_NOT_MET' || error.code === 'INVALID_INPUT') {
    const lineErrors = Array.isArray(error.details?.['lineErrors']) ? (error.details['lineErrors'] as Array<{ message?: unknown }>) : [];
    const messages = [...lineErrors.map((e) => String(e.message ?? '')), ...(error.issues ?? []).map((i) => `${i.path ? `${i.path}：` : ''}${i.message}`)].filter(Boolean);
    return (
      <View className={`checkout-error checkout-error-${error.code}`}>
        <Text className="checkout-error-title">订单未提交：{error.message}</Text>
        {messages.map((m, i) => (
          <Text key={i} className="checkout-error-text">
            {m}
          </Text>
        ))}
        <View className="checkout-error-action" onClick={() => void Taro.navigateBack()}>
          返回购物车修改
        </View>
      </View>
    );
  }
  // A network failure or a server hiccup: the order may or may not exist. Retrying is safe —
  // it sends the same clientOrderId, so the server returns the order instead of making another.
  return (
    <View className={`checkout-error checkout-error-${error.code}`}>
      <Text className="checkout-error-title">{error.code === 'INTERNAL' ? '提交结果未知' : '订单未提交'}</Text>
      <Text className="checkout-error-text">{error.message}</Text>
      {error.code === 'INTERNAL' ? <Text className="checkout-error-text">请重新提交：同一笔订单重复提交不会重复下单。</Text> : null}
      <View className="checkout-error-action checkout-retry" onClick={onRetry}>
        重新提交
      </View>
    </View>
  );
}
