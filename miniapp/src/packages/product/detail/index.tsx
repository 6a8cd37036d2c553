import { useEffect } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { CatalogDetail } from '@shared/contracts';
import { err } from '@shared/envelope';
import { PageState } from '../../../components/PageState';
import { quotedLine, useQuote } from '../../../hooks/useQuote';
import { addToCart, biggestPack } from '../../../services/cart';
import { call } from '../../../services/cloud';
import { useCall } from '../../../services/useCall';
import { localLineError } from './check';
import { OrderCard } from './OrderCard';
import { PriceWhy, ProductBar, ProductHead, StockCard, TiersAndPromotions } from './parts';
import { useOrderQty } from './useOrderQty';
import './index.scss';

/** The chosen quantity is priced this long after the buyer stops changing it. */
const QUOTE_DEBOUNCE_MS = 300;

/** 商品详情 (?sku=): price and why, tiers, promotions, stock, and a quantity priced live by the server. */
export default function ProductDetailPage() {
  const sku = decodeParam(useRouter().params['sku'] ?? '');
  const { state, reload } = useCall<CatalogDetail>(() =>
    sku ? call('catalog', 'get', { sku }) : Promise.resolve(err('INVALID_INPUT', '没有指定要查看的商品，请从商品列表进入')),
  );
  return (
    <View className="page page-product">
      {state.status === 'loading' ? <PageState status="loading" rows={6} /> : null}
      {state.status === 'error' ? <PageState status="error" message={state.error.message} onRetry={() => void reload()} /> : null}
      {state.status === 'ok' ? <Detail product={state.data} /> : null}
    </View>
  );
}

/** Query values arrive encoded on some platforms and decoded on others. */
function decodeParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function Detail({ product: p }: { product: CatalogDetail }) {
  const q = useOrderQty(p);
  const { qty, unit } = q;
  const { priced, pending, failure, requote } = useQuote();
  const offSale = p.status !== 'on_sale';
  const localError = localLineError(p, qty, unit);

  // Live price of exactly this quantity (useQuote drops answers to an older one).
  useEffect(() => requote([{ sku: p.sku, qty, unit }], QUOTE_DEBOUNCE_MS), [requote, p.sku, qty, unit]);

  // The answer for exactly this quantity, if it is in: a price, or why there is none.
  const fresh = priced ? quotedLine(priced, { sku: p.sku, qty, unit }) : null;
  const line = fresh && !fresh.stale ? fresh.line : null;
  const quoteFailure = failure && !pending ? failure.message : null;
  const answered = line !== null || quoteFailure !== null;
  // The server's word on this quantity once it has answered; the same check run locally until then.
  const qtyError = line ? (line.error?.message ?? null) : localError;
  const pricedSteps = line && !line.error ? line.steps : null;
  const almost = line && priced ? priced.result.almostReached.filter((a) => a.sku === p.sku || a.sku === null) : [];
  const pack = biggestPack(p);

  const add = () => {
    if (offSale || localError) {
      void Taro.showToast({ title: localError ?? '该商品已下架', icon: 'none' });
      return;
    }
    addToCart(p, qty, unit);
    void Taro.showToast({ title: `已加入购物车 ${qty} ${unit}`, icon: 'success' });
  };

  return (
    <View className="product">
      <ProductHead p={p} pack={pack} offSale={offSale} />
      <PriceWhy
        caption={pricedSteps ? `按 ${qty} ${unit} 计算` : `按起订量 ${q.start.qty} ${q.start.unit} 计算`}
        steps={pricedSteps ?? p.steps}
        baseUnit={p.baseUnit}
      />
      <TiersAndPromotions p={p} baseQty={q.baseQty} />
      <StockCard p={p} pack={pack} />
      <OrderCard p={p} q={q} offSale={offSale} pack={pack} answered={answered} line={line} qtyError={qtyError} quoteFailure={quoteFailure} almost={almost} />
      <ProductBar off={offSale || localError !== null} onAdd={add} />
    </View>
  );
}
