import { Input, Text, View } from '@tarojs/components';

/** One labelled text field of an admin form (Taro's own Input, so tests and the browser type into the element itself). */
export function Field({
  label,
  name,
  value,
  placeholder,
  onInput,
}: {
  label: string;
  name: string;
  value: string;
  placeholder: string;
  onInput: (v: string) => void;
}) {
  return (
    <View className="field">
      <Text className="field-label">{label}</Text>
      <Input className={`field-input field-${name}`} value={value} placeholder={placeholder} onInput={(e) => onInput(e.detail.value)} />
    </View>
  );
}
