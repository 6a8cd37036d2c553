import { isVisibleTo } from '../targeting';
import type { CartLine, CatalogProduct, DealerRef, LineError, LineErrorCode } from './types';
import { lcm, unitFactor } from './units';

export interface CheckedLine {
  product: CatalogProduct;
  /** Base units. */
  qty: number;
  factor: number;
  orderedUnit: string;
}

/**
 * Whether one cart line can be ordered as it is, checked in this order: UNKNOWN_SKU,
 * DUPLICATE_SKU, NOT_VISIBLE, OFF_SALE, INVALID_UNIT, MOQ_NOT_MET, NOT_MULTIPLE. Visibility
 * comes before sale status so a hidden product reveals nothing. Messages say what to change,
 * in the unit the buyer used when it divides evenly.
 */
export function checkLine(
  line: CartLine,
  lineIndex: number,
  product: CatalogProduct | undefined,
  dealer: DealerRef,
  firstIndexOfSku: number,
): CheckedLine | LineError {
  const fail = (code: LineErrorCode, message: string, details: Record<string, unknown> = {}): LineError => ({
    lineIndex,
    sku: line.sku,
    code,
    message,
    details,
  });
  if (!product) return fail('UNKNOWN_SKU', `找不到商品 ${line.sku}，请从购物车移除`);
  if (firstIndexOfSku !== lineIndex) {
    return fail('DUPLICATE_SKU', `${product.name} 已在第 ${firstIndexOfSku + 1} 行，请合并为一行`, { firstLineIndex: firstIndexOfSku });
  }
  if (!isVisibleTo(product, dealer)) return fail('NOT_VISIBLE', `${product.name} 不在您的可订范围内，请从购物车移除`);
  if (product.status !== 'on_sale') return fail('OFF_SALE', `${product.name} 已下架，请从购物车移除`);
  const factor = unitFactor(product, line.unit);
  // The units it can be ordered in, each once (the base unit is usually among the pack units too: 件:1), base unit first.
  const units = [...new Set([product.baseUnit, ...product.packUnits.filter((p) => unitFactor(product, p.name) !== null).map((p) => p.name)])];
  if (factor === null) {
    return fail('INVALID_UNIT', `${product.name} 不能按「${line.unit ?? ''}」订购，可选单位：${units.join('、')}`, { units });
  }
  const unit = line.unit ?? product.baseUnit;
  const qty = line.qty * factor;
  const moq = Math.max(1, product.moq);
  const multiple = Math.max(1, product.multiple);
  // Quantities the buyer can type in their unit step by lcm(factor, multiple) base units.
  const step = lcm(factor, multiple);
  const smallest = Math.ceil(moq / step) * step;
  if (qty < moq) {
    const moqText = moq % factor === 0 ? `${moq / factor} ${unit}` : `${moq} ${product.baseUnit}`;
    const suggestion = `${smallest / factor} ${unit}`;
    const message = suggestion === moqText ? `${product.name} 最少 ${moqText}` : `${product.name} 最少 ${moqText}，请改为 ${suggestion}`;
    return fail('MOQ_NOT_MET', message, {
      moq,
      suggestedQty: smallest / factor,
      unit,
    });
  }
  if (qty % multiple !== 0) {
    const stepText = factor === 1 ? `${multiple} ${product.baseUnit}` : `${step / factor} ${unit}`;
    const lower = Math.floor(qty / step) * step;
    const upper = lower + step;
    const options = (lower >= moq ? [lower, upper] : [upper]).map((q) => `${q / factor} ${unit}`);
    return fail('NOT_MULTIPLE', `${product.name} 数量须为 ${stepText}的倍数，可改为 ${options.join(' 或 ')}`, {
      multiple,
      suggestedQty: (lower >= moq ? [lower, upper] : [upper]).map((q) => q / factor),
      unit,
    });
  }
  return { product, qty, factor, orderedUnit: unit };
}
