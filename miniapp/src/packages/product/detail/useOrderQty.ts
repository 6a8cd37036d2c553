import { useMemo, useState } from 'react';
import type { CatalogDetail } from '@shared/contracts';
import { orderUnits, quantityRule, smallestOrder } from '../../../services/cart';
import { minimumText } from './check';

/**
 * The quantity being chosen on 商品详情: unit, amount in it, and the hint shown when the
 * stepper refuses to go below the minimum. Switching unit keeps the same amount of goods when
 * the new unit expresses it exactly, else starts at the new unit's minimum.
 */
export function useOrderQty(p: CatalogDetail) {
  const units = useMemo(() => orderUnits(p), [p]);
  const start = useMemo(() => smallestOrder(p), [p]);
  const [unit, setUnit] = useState(start.unit);
  const [qty, setQtyRaw] = useState(start.qty);
  const [hint, setHint] = useState('');
  const rule = quantityRule(p, unit) ?? { min: 1, step: 1, factor: 1 };
  const baseQty = qty * rule.factor;
  // The most that can be ordered now: the stock available, in this unit, on the unit's steps.
  const steps = Math.max(1, rule.step);
  const maxQty = Math.floor(Math.floor(Math.max(0, p.available) / rule.factor) / steps) * steps;

  const pickUnit = (name: string) => {
    if (name === unit) return;
    const next = quantityRule(p, name);
    if (!next) return;
    const same = baseQty % next.factor === 0 ? baseQty / next.factor : 0;
    setUnit(name);
    setQtyRaw(same >= next.min && same % next.step === 0 ? same : next.min);
    setHint('');
  };
  const setQty = (q: number) => {
    setQtyRaw(q);
    setHint('');
  };
  const refuse = () => setHint(`${minimumText(p, unit, rule.factor)}，不能再少了`);
  const overMax = () => setHint(maxQty > 0 ? `库存现有 ${p.available} ${p.baseUnit}，最多可订 ${maxQty} ${unit}` : `库存不足，暂不能按${unit}订购`);

  return { units, start, unit, qty, hint, rule, baseQty, maxQty, pickUnit, setQty, refuse, overMax };
}

export type OrderQty = ReturnType<typeof useOrderQty>;
