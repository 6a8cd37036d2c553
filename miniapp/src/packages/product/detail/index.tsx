import { useEffect, useMemo, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import type { CatalogDetail } from '@shared/contracts';
import { err } from '@shared/envelope';
import type { Envelope } from '@shared/envelope';
import { formatFen } from '@shared/money/format-fen';
import type { QuoteResult } from '@shared/pricing/types';
import { PageState } from '../../../components/PageState';
import { PriceSteps } from '../../../components/PriceSteps';
import { QtyStepper } from '../../../components/QtyStepper';
import { StockTag } from '../../../components/StockTag';
import { addToCart, biggestPack, orderUnits, quantityRule, smallestOrder } from '../../../services/cart';
import { call } from '../../../services/cloud';
import { useCall } from '../../../services/useCall';
import { localLineError, minimumText } from './check';
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

interface QuoteState {
  /** `${qty}|${unit}` the answer is for. */
  key: string;
  answer: Envelope<QuoteResult>;
}

function Detail({ product: p }: { product: CatalogDetail }) {
  const units = useMemo(() => orderUnits(p), [p]);
  const start = useMemo(() => smallestOrder(p), [p]);
  const [unit, setUnit] = useState(start.unit);
  const [qty, setQty] = useState(start.qty);
  const [hint, setHint] = useState('');
  const [quote, setQuote] = useState<QuoteState | null>(null);
  const seq = useRef(0);

  const rule = quantityRule(p, unit) ?? { min: 1, step: 1, factor: 1 };
  const key = `${qty}|${unit}`;
  const offSale = p.status !== 'on_sale';
  const localError = localLineError(p, qty, unit);

  // Live price of exactly this quantity; answers to an older quantity are dropped.
  useEffect(() => {
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      void call('pricing', 'quote', { lines: [{ sku: p.sku, qty, unit }] }).then((answer) => {
        if (mine === seq.current) setQuote({ key: `${qty}|${unit}`, answer });
      });
    }, QUOTE_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [p.sku, qty, unit]);

  const current = quote?.key === key ? quote.answer : null;
  const line = current?.ok ? (current.data.lines.find((l) => l.kind === 'item' && l.sku === p.sku) ?? null) : null;
  // The server's word on this quantity once it has answered; the same check run locally until then.
  const qtyError = current?.ok ? (line?.error?.message ?? null) : localError;
  const quoteFailure = current && !current.ok ? current.error.message : null;
  const pricedSteps = line && !line.error ? line.steps : null;
  const baseQty = qty * rule.factor;
  const almost = current?.ok ? current.data.almostReached.filter((a) => a.sku === p.sku || a.sku === null) : [];

  const pickUnit = (name: string) => {
    if (name === unit) return;
    const next = quantityRule(p, name);
    if (!next) return;
    // Keep the same amount of goods when the new unit expresses it exactly, else its minimum.
    const same = baseQty % next.factor === 0 ? baseQty / next.factor : 0;
    setUnit(name);
    setQty(same >= next.min && same % next.step === 0 ? same : next.min);
    setHint('');
  };

  const add = () => {
    if (offSale || localError) {
      void Taro.showToast({ title: localError ?? '该商品已下架', icon: 'none' });
      return;
    }
    addToCart(p, qty, unit);
    void Taro.showToast({ title: `已加入购物车 ${qty} ${unit}`, icon: 'success' });
  };

  const pack = biggestPack(p);
  const activeTier = [...p.tiers].reverse().find((t) => baseQty >= t.minQty) ?? null;

  return (
    <View className="product">
      <View className="card product-head">
        {p.image ? (
          <Image className="product-image" src={p.image} mode="aspectFit" />
        ) : (
          <View className="product-image product-image-placeholder">{p.name.slice(0, 2)}</View>
        )}
        <Text className="product-name">{p.name}</Text>
        <Text className="product-spec">{p.spec}</Text>
        <View className="product-prices">
          <Text className="product-price">
            {formatFen(p.price)}/{p.baseUnit}
          </Text>
          {pack ? (
            <Text className="product-pack-price">
              {formatFen(p.price * pack.factor)}/{pack.name}
            </Text>
          ) : null}
          {p.listPrice !== p.price ? <Text className="product-list-price">目录价 {formatFen(p.listPrice)}</Text> : null}
        </View>
        <View className="product-badges">
          {p.priceLabel ? <Text className="product-price-label">{p.priceLabel}</Text> : null}
          {p.tierHint ? <Text className="product-tier-hint">{p.tierHint}</Text> : null}
          <StockTag available={p.available} moq={p.moq} className="product-stock-state" />
          {offSale ? <Text className="product-off-sale">已下架</Text> : null}
        </View>
      </View>

      <View className="card product-why">
        <Text className="product-section-title">为什么是这个价</Text>
        <Text className="product-section-caption muted">
          {pricedSteps ? `按 ${qty} ${unit} 计算` : `按起订量 ${start.qty} ${start.unit} 计算`}
        </Text>
        <PriceSteps steps={pricedSteps ?? p.steps} baseUnit={p.baseUnit} itemClassName="product-step" />
      </View>

      {p.tiers.length > 0 ? (
        <View className="card product-tiers">
          <Text className="product-section-title">阶梯价</Text>
          {p.tiers.map((t) => (
            <View key={t.minQty} className={`product-tier${activeTier === t ? ' product-tier-active' : ''}`}>
              <Text className="product-tier-min">满 {t.minLabel}</Text>
              <Text className="product-tier-price">
                {formatFen(t.unitPrice)}/{p.baseUnit}
              </Text>
            </View>
          ))}
        </View>
      ) : null}

      {p.promotions.length > 0 ? (
        <View className="card product-promotions">
          <Text className="product-section-title">可享优惠</Text>
          {p.promotions.map((promo) => (
            <Text key={promo.ruleId} className="product-promotion">
              {promo.name}
            </Text>
          ))}
        </View>
      ) : null}

      <View className="card product-stock">
        <Text className="product-section-title">库存</Text>
        {p.stock.length === 0 ? <Text className="muted">暂无库存信息</Text> : null}
        {p.stock.map((w) => (
          <View key={w.warehouseId} className="product-stock-row">
            <Text className="product-stock-name">{w.warehouseName}</Text>
            <Text className="product-stock-qty">{stockText(w.available, p.baseUnit, pack)}</Text>
          </View>
        ))}
      </View>

      <View className="card product-order">
        <Text className="product-section-title">订购数量</Text>
        <View className="product-units">
          {units.map((u, i) => (
            // product-unit-0 is the base unit, then each pack unit in the catalog's order.
            <View key={u.name} className={`product-unit product-unit-${i}${u.name === unit ? ' product-unit-active' : ''}`} onClick={() => pickUnit(u.name)}>
              {u.factor > 1 ? `按${u.name}（${u.factor}${p.baseUnit}）` : `按${u.name}`}
            </View>
          ))}
        </View>
        <View className="product-stepper-row">
          <QtyStepper
            className="product-stepper"
            value={qty}
            min={rule.min}
            step={rule.step}
            unit={unit}
            disabled={offSale}
            onChange={(q) => {
              setQty(q);
              setHint('');
            }}
            onRefuse={() => setHint(`${minimumText(p, unit, rule.factor)}，不能再少了`)}
          />
          <Text className="product-stepper-rule muted">
            {rule.min} {unit}起订{rule.step > 1 ? `，按 ${rule.step} ${unit}递增` : ''}
          </Text>
        </View>
        <Text className="product-stepper-total">{conversion(qty, unit, rule.factor, p.baseUnit, pack)}</Text>
        {hint ? <Text className="product-stepper-hint">{hint}</Text> : null}
        {qtyError ? <Text className="product-qty-error">{qtyError}</Text> : null}
        {quoteFailure ? <Text className="product-quote-error">计价失败：{quoteFailure}</Text> : null}
        <View className="product-quote">
          {line && !line.error ? (
            <>
              <Text className="product-quote-amount">小计 {formatFen(line.amount)}</Text>
              <Text className="product-quote-unit-price">
                {formatFen(line.unitPrice)}/{p.baseUnit} · 共 {line.qty} {p.baseUnit}
              </Text>
            </>
          ) : !current && !localError ? (
            <Text className="product-quote-pending muted">计价中…</Text>
          ) : null}
        </View>
        {almost.map((a) => (
          <Text key={`${a.ruleId}-${a.sku ?? ''}`} className="product-almost">
            {a.message}
          </Text>
        ))}
      </View>

      <View className="product-bar">
        <View className="product-go-cart" onClick={() => void Taro.switchTab({ url: '/pages/cart/index' })}>
          购物车
        </View>
        <View className={`product-add${offSale || localError ? ' product-add-off' : ''}`} onClick={add}>
          加入购物车
        </View>
      </View>
    </View>
  );
}

/** 5 箱 = 120 件, or 120 件 = 5 箱: what the chosen quantity is in the other unit. */
function conversion(qty: number, unit: string, factor: number, baseUnit: string, pack: { name: string; factor: number } | null): string {
  const base = qty * factor;
  if (factor > 1) return `${qty} ${unit} = ${base} ${baseUnit}`;
  if (pack && base % pack.factor === 0) return `${base} ${baseUnit} = ${base / pack.factor} ${pack.name}`;
  return `${base} ${baseUnit}`;
}

/** 约 120 箱（2880 件）: stock in the pack a buyer thinks in, with the exact base units. */
function stockText(available: number, baseUnit: string, pack: { name: string; factor: number } | null): string {
  if (available <= 0) return '缺货';
  if (!pack) return `${available} ${baseUnit}`;
  const packs = Math.floor(available / pack.factor);
  return `${packs} ${pack.name}（${available} ${baseUnit}）`;
}
