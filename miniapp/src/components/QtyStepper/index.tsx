import { useEffect, useRef, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import './index.scss';

export interface QtyStepperProps {
  /** Quantity in `unit`. */
  value: number;
  /** The smallest quantity − and + will go to (the MOQ in this unit); typing may go below, the page says why. */
  min: number;
  /** − and + move between multiples of step. */
  step: number;
  max?: number;
  unit: string;
  onChange: (qty: number) => void;
  /** − was tapped at the minimum. */
  onRefuse?: () => void;
  /** + was tapped at `max`, or more than `max` was typed (the stepper then holds `max`): the page says why. */
  onOverMax?: () => void;
  /** Stable selector prefix: `<cls>`, `<cls>-minus`, `<cls>-input`, `<cls>-plus`. */
  className: string;
  disabled?: boolean;
}

/**
 * A quantity stepper for a unit with a minimum and a step. − and + only land on quantities the
 * server accepts (multiples of step, at least min). Typing is free — any whole number of 1 or
 * more — so the buyer can enter 7 箱 at once; the page shows the server's message when it is not
 * orderable rather than silently changing what was typed.
 */
export function QtyStepper({ value, min, step, max = 1_000_000, unit, onChange, onRefuse, onOverMax, className, disabled }: QtyStepperProps) {
  const [text, setText] = useState(String(value));
  // Two quick taps can land before the page re-renders: step from the last value sent, not the last rendered.
  const latest = useRef(value);
  useEffect(() => {
    latest.current = value;
    setText(String(value));
  }, [value]);

  const s = Math.max(1, step);
  const lowerOf = (v: number) => (v % s === 0 ? v - s : v - (v % s));
  const upperOf = (v: number) => (v < min ? min : (Math.floor(v / s) + 1) * s);
  const canLower = !disabled && lowerOf(value) >= Math.max(1, min);
  const canRaise = !disabled && upperOf(value) <= max;

  const emit = (v: number) => {
    latest.current = v;
    onChange(v);
  };
  const minus = () => {
    if (disabled) return;
    const next = lowerOf(latest.current);
    if (next >= Math.max(1, min)) emit(next);
    else onRefuse?.();
  };
  const plus = () => {
    if (disabled) return;
    const next = upperOf(latest.current);
    if (next <= max) emit(next);
    else onOverMax?.();
  };
  const typed = (raw: string) => {
    setText(raw);
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isSafeInteger(n) || n < 1) return;
    // More than can be ordered: hold the most that can, and let the page say why (not a silent refusal).
    if (n > max) {
      setText(String(max));
      if (max >= 1 && max !== latest.current) emit(max);
      onOverMax?.();
      return;
    }
    if (n !== latest.current) emit(n);
  };

  return (
    <View className={`qty-stepper ${className}${disabled ? ' qty-stepper-disabled' : ''}`}>
      <View className={`qty-stepper-btn ${className}-minus${canLower ? '' : ' qty-stepper-btn-off'}`} onClick={minus}>
        −
      </View>
      <Input
        className={`qty-stepper-input ${className}-input`}
        type="number"
        // Taro's H5 input puts aria-label on its host element, not the inner <input>; the placeholder
        // reaches the input and names it for screen readers (axe's label rule) in both builds.
        ariaLabel={unit ? `数量（${unit}）` : '数量'}
        placeholder="数量"
        value={text}
        disabled={disabled}
        onInput={(e) => typed(e.detail.value)}
        onBlur={() => setText(String(value))}
      />
      <View className={`qty-stepper-btn ${className}-plus${canRaise ? '' : ' qty-stepper-btn-off'}`} onClick={plus}>
        +
      </View>
      <Text className={`qty-stepper-unit ${className}-unit`}>{unit}</Text>
    </View>
  );
}

export default QtyStepper;
