import { View } from '@tarojs/components';

/** A row of choices, one on (区域 / 品类 / 商品 …); each a 44 px button that says whether it is chosen. */
export function Switch<T extends string>({
  value,
  options,
  onChange,
  name,
}: {
  value: T;
  options: Array<[T, string]>;
  onChange: (v: T) => void;
  name: string;
}) {
  return (
    <View className={`insights-switch insights-switch-${name}`} role="tablist">
      {options.map(([v, text]) => (
        <View
          key={v}
          role="tab"
          aria-selected={v === value}
          className={`insights-switch-item insights-switch-${name}-${v}${v === value ? ' insights-switch-on' : ''}`}
          onClick={() => onChange(v)}
        >
          {text}
        </View>
      ))}
    </View>
  );
}
