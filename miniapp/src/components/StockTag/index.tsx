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
