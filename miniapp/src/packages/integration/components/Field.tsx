import { Input, Text, View } from '@tarojs/components';
import './admin.scss';

/**
 * One labelled text field of an admin form: Taro's own Input, so tests and the browser type into
 * the element itself. It brings the admin forms' styles (admin.scss) to every page with a form.
 */
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
