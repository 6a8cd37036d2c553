import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { CatalogDetail } from '@shared/contracts';
import { formatFen } from '@shared/money/format-fen';
import type { PriceStep } from '@shared/pricing/types';
import { PriceSteps } from '../../../components/PriceSteps';
import { ProductImage } from '../../../components/ProductImage';
import { StockTag } from '../../../components/StockTag';

type Pack = { name: string; factor: number } | null;

export function ProductHead({ p, pack, offSale }: { p: CatalogDetail; pack: Pack; offSale: boolean }) {
  return (
    <View className="card product-head">
      <ProductImage className="product-image product-image-placeholder" src={p.image} name={p.name} mode="aspectFit" />
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
  );
}

/** 为什么是这个价: the steps of the chosen quantity once priced, the catalog's (at the minimum order) until then. */
export function PriceWhy({ caption, steps, baseUnit }: { caption: string; steps: readonly PriceStep[]; baseUnit: string }) {
  return (
    <View className="card product-why">
      <Text className="product-section-title">为什么是这个价</Text>
      <Text className="product-section-caption muted">{caption}</Text>
      <PriceSteps steps={steps} baseUnit={baseUnit} itemClassName="product-step" />
    </View>
  );
}

/** 阶梯价 (the one the chosen quantity reaches highlighted) and 可享优惠. */
export function TiersAndPromotions({ p, baseQty }: { p: CatalogDetail; baseQty: number }) {
  const activeTier = [...p.tiers].reverse().find((t) => baseQty >= t.minQty) ?? null;
  return (
    <>
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
    </>
  );
}

export function StockCard({ p, pack }: { p: CatalogDetail; pack: Pack }) {
  return (
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
  );
}

export function ProductBar({ off, onAdd }: { off: boolean; onAdd: () => void }) {
  return (
    <View className="product-bar">
      <View className="product-go-cart" onClick={() => void Taro.switchTab({ url: '/pages/cart/index' })}>
        购物车
      </View>
      <View className={`product-add${off ? ' product-add-off' : ''}`} onClick={onAdd}>
        加入购物车
      </View>
    </View>
  );
}

/** 5 箱 = 120 件, or 120 件 = 5 箱: what the chosen quantity is in the other unit. */
export function conversion(qty: number, unit: string, factor: number, baseUnit: string, pack: Pack): string {
  const base = qty * factor;
  if (factor > 1) return `${qty} ${unit} = ${base} ${baseUnit}`;
  if (pack && base % pack.factor === 0) return `${base} ${baseUnit} = ${base / pack.factor} ${pack.name}`;
  return `${base} ${baseUnit}`;
}

/** 约 120 箱（2880 件）: stock in the pack a buyer thinks in, with the exact base units. */
function stockText(available: number, baseUnit: string, pack: Pack): string {
  if (available <= 0) return '缺货';
  if (!pack) return `${available} ${baseUnit}`;
  const packs = Math.floor(available / pack.factor);
  return `${packs} ${pack.name}（${available} ${baseUnit}）`;
}
