import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ErrorBody } from '@shared/envelope';
import { creditRefusalOf, shortagesOf } from '@shared/contracts/orders';
import { lineErrorsOf } from '@shared/contracts/pricing';
import { formatFen } from '@shared/money/format-fen';
import type { StockShortage } from '@shared/orders';
import type { QuoteResult } from '@shared/pricing/types';

const back = () => void Taro.navigateBack();

function BackToCart() {
  return (
    <View className="checkout-error-action" onClick={back}>
      返回购物车修改
    </View>
  );
}

/** The card's id: the page scrolls it into view when 提交订单 is refused (useSubmitOrder). */
export const SUBMIT_FAILURE_ID = 'checkout-failure';

/**
 * The refusal in one short sentence for the toast shown where the finger is (WeChat shows up to
 * two lines of a toast without an icon): what to change, by product name and amount.
 */
export function refusalToast(error: ErrorBody, quote: QuoteResult): string {
  if (error.code === 'OUT_OF_STOCK') {
    const [first, ...rest] = shortagesOf(error.details);
    if (!first) return '库存不足，订单未提交';
    const line = quote.lines.find((l) => l.kind === 'item' && l.sku === first.sku);
    const more = rest.length > 0 ? `等 ${rest.length + 1} 种` : '';
    return `库存不足：${line?.name ?? '商品'}${more}仅剩 ${first.available} ${line?.baseUnit ?? '件'}`;
  }
  if (error.code === 'CREDIT_LIMIT_EXCEEDED') {
    const { shortBy } = creditRefusalOf(error.details);
    return shortBy !== null ? `信用额度不足，还差 ${formatFen(shortBy)}` : '信用额度不足，订单未提交';
  }
  if (error.code === 'INTERNAL') return '提交结果未知，请重新提交';
  return `订单未提交：${error.message}`;
}

/**
 * What went wrong with 提交订单, in words, and what the buyer can do about it right here. The
 * refusal details are typed in the contracts (SubmitRefusalDetails) and read defensively.
 */
export function SubmitFailure({
  error,
  quote,
  onFix,
  onRetry,
}: {
  error: ErrorBody;
  quote: QuoteResult;
  /** Change a line to `qty` (in its ordered unit); 0 removes it. */
  onFix: (sku: string, qty: number) => void;
  onRetry: () => void;
}) {
  if (error.code === 'OUT_OF_STOCK') {
    const shortages = shortagesOf(error.details);
    return (
      <View id={SUBMIT_FAILURE_ID} className="checkout-error checkout-error-OUT_OF_STOCK">
        <Text className="checkout-error-title">库存不足，订单未提交</Text>
        <Text className="checkout-error-text">以下商品库存不够，请减少数量后重新提交（其余商品不受影响）：</Text>
        {shortages.map((s) => (
          <ShortageRow key={s.sku} shortage={s} quote={quote} onFix={onFix} />
        ))}
        {shortages.length === 0 ? <Text className="checkout-error-text">{error.message}</Text> : null}
      </View>
    );
  }
  if (error.code === 'CREDIT_LIMIT_EXCEEDED') {
    const { headroom, shortBy } = creditRefusalOf(error.details);
    return (
      <View id={SUBMIT_FAILURE_ID} className="checkout-error checkout-error-CREDIT_LIMIT_EXCEEDED">
        <Text className="checkout-error-title">信用额度不足，订单未提交</Text>
        {headroom !== null ? <Text className="checkout-headroom">当前可用额度 {formatFen(Math.max(0, headroom))}</Text> : null}
        {shortBy !== null ? <Text className="checkout-error-text checkout-short-by">本单超出可用额度 {formatFen(shortBy)}。</Text> : null}
        <Text className="checkout-error-text">
          {shortBy !== null
            ? `请减少至少 ${formatFen(shortBy)} 的商品，或先向品牌方回款释放额度后再提交。`
            : '请先向品牌方回款释放额度，或返回购物车减少商品后再提交。'}
        </Text>
        <BackToCart />
      </View>
    );
  }
  if (error.code === 'MOQ_NOT_MET' || error.code === 'INVALID_INPUT') {
    const messages = [
      ...lineErrorsOf(error.details).map((e) => e.message),
      ...(error.issues ?? []).map((i) => `${i.path ? `${i.path}：` : ''}${i.message}`),
    ].filter(Boolean);
    return (
      <View id={SUBMIT_FAILURE_ID} className={`checkout-error checkout-error-${error.code}`}>
        <Text className="checkout-error-title">订单未提交：{error.message}</Text>
        {messages.map((m, i) => (
          <Text key={i} className="checkout-error-text">
            {m}
          </Text>
        ))}
        <BackToCart />
      </View>
    );
  }
  // A network failure or a server hiccup: the order may or may not exist. Retrying is safe —
  // it sends the same clientOrderId, so the server returns the order instead of making another.
  return (
    <View id={SUBMIT_FAILURE_ID} className={`checkout-error checkout-error-${error.code}`}>
      <Text className="checkout-error-title">{error.code === 'INTERNAL' ? '提交结果未知' : '订单未提交'}</Text>
      <Text className="checkout-error-text">{error.message}</Text>
      {error.code === 'INTERNAL' ? <Text className="checkout-error-text">请重新提交：同一笔订单重复提交不会重复下单。</Text> : null}
      <View className="checkout-error-action checkout-retry" onClick={onRetry}>
        重新提交
      </View>
    </View>
  );
}

/** One short SKU: what was asked and what is there (base units), and the quantity that fits in the ordered unit. */
function ShortageRow({ shortage: s, quote, onFix }: { shortage: StockShortage; quote: QuoteResult; onFix: (sku: string, qty: number) => void }) {
  const line = quote.lines.find((l) => l.kind === 'item' && l.sku === s.sku) ?? null;
  const unit = line?.orderedUnit ?? '件';
  const factor = line && line.orderedQty > 0 ? Math.max(1, Math.round(line.qty / line.orderedQty)) : 1;
  const fit = Math.floor(s.available / factor);
  const baseUnit = line?.baseUnit ?? '件';
  return (
    <View className={`checkout-shortage checkout-shortage-${s.sku}`}>
      <Text className="checkout-shortage-text">
        {line?.name || '一种商品'}：需要 {s.requested} {baseUnit}，可订 {s.available} {baseUnit}
      </Text>
      <Text className="checkout-shortage-fix" onClick={() => onFix(s.sku, fit)}>
        {fit > 0 ? `改为 ${fit} ${unit}` : '移除该商品'}
      </Text>
    </View>
  );
}
