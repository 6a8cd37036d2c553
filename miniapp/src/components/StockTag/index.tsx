import { Text } from '@tarojs/components';
import './index.scss';

export type StockState = 'in_stock' | 'low' | 'out';

/**
 * Stock as a buyer reads it. 缺货: nothing available; 库存紧张: less than five minimum orders
 * left (someone else's order could take it); 有货 otherwise.
 */
export function stockState(available: number, moq: number): StockState {
  if (available <= 0) return 'out';
  if (available < Math.max(1, moq) * 5) return 'low';
  return 'in_stock';
}

export const STOCK_LABELS: Record<StockState, string> = { in_stock: '有货', low: '库存紧张', out: '缺货' };

export function StockTag({ available, moq, className }: { available: number; moq: number; className?: string }) {
  const state = stockState(available, moq);
  return <Text className={`stock-tag stock-tag-${state}${className ? ` ${className}` : ''}`}>{STOCK_LABELS[state]}</Text>;
}

export default StockTag;

/** A cart or checkout line against the stock available to promise: enough, little left, more than there is, none. */
export type LineStockState = 'ok' | 'low' | 'short' | 'out';

export interface LineStock {
  state: LineStockState;
  /** 有货 / 仅剩 72 件 / 缺货. */
  text: string;
  /** The most that can be ordered now in the line's own unit (0: none). */
  fit: number;
}

/**
 * How a line stands against stock: `qty` in base units, `ordered` in the buyer's unit (so the
 * figure is in the unit they ordered in). 仅剩 when less than twice the line is left, so the buyer
 * hears of it before someone else's order takes the rest; submit re-checks in its transaction.
 */
export function lineStock(available: number, line: { qty: number; orderedQty: number; orderedUnit: string; baseUnit: string }): LineStock {
  const factor = line.orderedQty > 0 ? Math.max(1, Math.round(line.qty / line.orderedQty)) : 1;
  const fit = Math.floor(Math.max(0, available) / factor);
  if (available <= 0) return { state: 'out', text: '缺货', fit: 0 };
  // In base units, the unit stock is counted in; the quantity that fits in the buyer's unit is `fit`.
  const left = `仅剩 ${available} ${line.baseUnit}`;
  if (line.qty > available) return { state: 'short', text: left, fit };
  if (available < line.qty * 2) return { state: 'low', text: left, fit };
  return { state: 'ok', text: '有货', fit };
}

/** The line's stock as a tag (class `line-stock line-stock-<state>`, plus `className`). */
export function LineStockTag({ stock, className }: { stock: LineStock; className: string }) {
  return <Text className={`line-stock line-stock-${stock.state} ${className}`}>{stock.text}</Text>;
}
