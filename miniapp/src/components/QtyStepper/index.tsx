import { useEffect, useState } from 'react';
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
export function QtyStepper({ value, min, step, max = 1_000_000, unit, onChange, onRefuse, className, disabled }: QtyStepperProps) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);

  const s = Math.max(1, step);
  const lower = value % s === 0 ? value - s : value - (value % s);
  const canLower = !disabled && lower >= Math.max(1, min);
  const upper = value < min ? min : (Math.floor(value / s) + 1) * s;
  const canRaise = !disabled && upper <= max;

  const minus = () => {
    if (canLower) onChange(lower);
    else if (!disabled) onRefuse?.();
  };
  const plus = () => {
    if (canRaise) onChange(upper);
  };
  const typed = (raw: string) => {
    setText(raw);
    const n = Number(raw);
    if (raw.trim() !== '' && Number.isSafeInteger(n) && n >= 1 && n <= max && n !== value) onChange(n);
  };

  return (
    <View className={`qty-stepper ${className}${disabled ? ' qty-stepper-disabled' : ''}`}>
      <View className={`qty-stepper-btn ${className}-minus${canLower ? '' : ' qty-stepper-btn-off'}`} onClick={minus}>
        −
      </View>
      <Input
        className={`qty-stepper-input ${className}-input`}
        type="number"
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
