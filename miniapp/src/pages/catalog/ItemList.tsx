import { useEffect, useMemo, useState } from 'react';
import Taro, { usePageScroll } from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { CatalogItem } from '@shared/contracts';
import { formatFen } from '@shared/money/format-fen';
import { ProductImage } from '../../components/ProductImage';
import { STOCK_LABELS, stockState } from '../../components/StockTag';
import { addToCart, biggestPack, smallestOrder } from '../../services/cart';
import { Box, Run } from './elements';

/*
 * Windowing. Every item card has the same height (ITEM_HEIGHT, 750-wide design px, gap
 * included), so the visible slice follows from the page's scroll offset alone: cards above and
 * below it are replaced by two spacers of the exact height: the stylesheet says
 * `height: calc(var(--cards) * 272px)`, so the build turns 272px into rpx (weapp) or rem (H5)
 * exactly as it does for the cards, and the page only sets the count. Short lists — the first few pages — render
 * whole; the window only kicks in past WINDOW_FROM items, where setData payloads and node
 * counts start to hurt on low-end phones.
 */
const ITEM_HEIGHT = 272;
/** Rough height of the header above the list (tabs, search, filter), design px. */
const HEADER_HEIGHT = 260;
const WINDOW_FROM = 60;
const OVERSCAN = 8;
/** The window start moves in chunks, so scrolling re-renders every few cards, not every card. */
const CHUNK = 4;

/** The list with windowing past WINDOW_FROM items (see ITEM_HEIGHT above). */
export function ItemList({ items, canOrder }: { items: CatalogItem[]; canOrder: boolean }) {
  const [first, setFirst] = useState(0);
  const metrics = useMemo(() => {
    let width = 375;
    let height = 667;
    try {
      // H5 reads the window as Taro's getWindowInfo would (document.documentElement's client size): calling it
      // would bring Taro's whole system-info module and the `platform` library (≈ 50 KB) onto the first card's path.
      const info =
        process.env.TARO_ENV === 'h5'
          ? { windowWidth: document.documentElement.clientWidth, windowHeight: document.documentElement.clientHeight }
          : Taro.getSystemInfoSync();
      width = info.windowWidth || width;
      height = info.windowHeight || height;
    } catch {
      // Defaults of a small phone: the overscan absorbs the difference.
    }
    const pxPerDesign = width / 750;
    return { itemPx: ITEM_HEIGHT * pxPerDesign, headerPx: HEADER_HEIGHT * pxPerDesign, visible: Math.ceil(height / (ITEM_HEIGHT * pxPerDesign)) };
  }, []);

  usePageScroll(({ scrollTop }) => {
    const index = Math.floor((scrollTop - metrics.headerPx) / metrics.itemPx) - OVERSCAN;
    setFirst(Math.max(0, Math.floor(index / CHUNK) * CHUNK));
  });

  const whole = useWholeListAfterFirstCard();
  const windowed = items.length > WINDOW_FROM;
  const size = metrics.visible + 2 * OVERSCAN + CHUNK;
  const start = windowed ? Math.max(0, Math.min(first, items.length - size)) : 0;
  const end = Math.min(windowed ? start + size : items.length, whole ? items.length : metrics.visible);

  return (
    <View className="catalog-list">
      {start > 0 ? <Spacer cards={start} /> : null}
      {items.slice(start, end).map((item) => (
        <ItemCard key={item.sku} item={item} canOrder={canOrder} />
      ))}
      {end < items.length ? <Spacer cards={items.length - end} /> : null}
    </View>
  );
}

/**
 * H5: false until the first card is laid out on screen, then true. Until then only the first
 * screen's cards are drawn (a spacer holds the rest's place): on H5 every View is a custom element
 * that React and Stencil create one by one, and the other fourteen cards of a first page would be
 * built before the first one shows (a CPU profile of npm run bench -- h5: react-dom and Stencil are
 * most of the main thread's work after catalog.list answers). Taro shows the page a few frames after
 * the list mounts, so the rest wait for the card itself, checked once a frame (at most ~1 s). WeChat
 * renders the page in one setData either way: there the whole list comes at once.
 */
function useWholeListAfterFirstCard(): boolean {
  const [whole, setWhole] = useState(process.env.TARO_ENV !== 'h5');
  useEffect(() => {
    if (whole) return undefined;
    let frame = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = (frames: number) => {
      const box = document.querySelector('.catalog-list .catalog-item')?.getBoundingClientRect();
      // Drawn: the rest after this frame's paint (a task queued now runs once it is on screen).
      if ((box && box.height > 0) || frames >= 60) timer = setTimeout(() => setWhole(true), 0);
      else frame = requestAnimationFrame(() => check(frames + 1));
    };
    frame = requestAnimationFrame(() => check(0));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [whole]);
  return whole;
}

/** Stands in for `cards` item cards (see .catalog-spacer in index.scss). */
function Spacer({ cards }: { cards: number }) {
  return <View className="catalog-spacer" style={`--cards: ${cards}`} />;
}

function ItemCard({ item, canOrder }: { item: CatalogItem; canOrder: boolean }) {
  const pack = biggestPack(item);
  const stock = stockState(item.available, item.moq);
  const out = stock === 'out';
  const open = () => void Taro.navigateTo({ url: `/packages/product/detail/index?sku=${encodeURIComponent(item.sku)}` });
  const quickAdd = (e: { stopPropagation: () => void }) => {
    e.stopPropagation();
    if (out) return;
    const { qty, unit } = smallestOrder(item);
    addToCart(item, qty, unit);
    void Taro.showToast({ title: `已加入 ${qty} ${unit}`, icon: 'success' });
  };
  return (
    <Box className={`catalog-item catalog-item-${item.sku}`} onClick={open}>
      <Box className="catalog-item-card">
        <ProductImage className="catalog-item-image catalog-item-placeholder" src={item.image} name={item.name} />
        <Box className="catalog-item-body">
          <Run className="catalog-item-name">{item.name}</Run>
          <Run className="catalog-item-spec">{item.spec}</Run>
          <Box className="catalog-item-prices">
            <Run className="catalog-item-price">
              {formatFen(item.price)}/{item.baseUnit}
            </Run>
            {pack ? (
              <Run className="catalog-item-pack-price">
                {formatFen(item.price * pack.factor)}/{pack.name}
              </Run>
            ) : null}
            {item.listPrice !== item.price ? <Run className="catalog-item-list-price">{formatFen(item.listPrice)}</Run> : null}
          </Box>
          <Run className="catalog-item-hint">{item.tierHint ?? item.priceLabel ?? ' '}</Run>
          <Box className="catalog-item-foot">
            <Box className="catalog-item-stock">
              <Run className={`stock-tag stock-tag-${stock}`}>{STOCK_LABELS[stock]}</Run>
              <Run className="catalog-item-moq">{moqText(item)}</Run>
            </Box>
            {canOrder ? (
              <Box className={`catalog-item-add${out ? ' catalog-item-add-off' : ''}`} onClick={quickAdd}>
                {out ? '缺货' : '加入购物车'}
              </Box>
            ) : null}
          </Box>
        </Box>
      </Box>
    </Box>
  );
}

function moqText(item: CatalogItem): string {
  const { qty, unit } = smallestOrder(item);
  return `${qty} ${unit}起订`;
}
