import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';

/** A checklist as tap-to-toggle buttons (scopes of a key, events of a subscription). */
export function Choices<T extends string>({
  label,
  options,
  chosen,
  onChange,
}: {
  label: string;
  options: Record<T, string>;
  chosen: readonly T[];
  onChange: (next: T[]) => void;
}) {
  const toggle = (v: T) => onChange(chosen.includes(v) ? chosen.filter((c) => c !== v) : [...chosen, v]);
  return (
    <View className="choices">
      <Text className="field-label">{label}</Text>
      <View className="choices-list">
        {(Object.entries(options) as Array<[T, string]>).map(([value, text]) => (
          <Button
            key={value}
            size="small"
            className={`choice choice-${value.replace(/[^a-z0-9]/gi, '-')}`}
            type={chosen.includes(value) ? 'primary' : 'default'}
            onClick={() => toggle(value)}
          >
            {text}
          </Button>
        ))}
      </View>
    </View>
  );
}
