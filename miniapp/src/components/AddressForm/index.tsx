import { Input, Text, View } from '@tarojs/components';
import type { Address } from '@shared/orders/schemas';
import type { AddressForm as AddressValues } from '../../services/checkout';
import { ADDRESS_FIELDS } from '../../services/checkout';

export type AddressErrors = Partial<Record<keyof Address, string>>;

/**
 * 收货地址: six labelled fields, each with its own error under it.
 *
 * Hand-rolled rather than NutUI's Form/Form.Item: the rules are services/checkout's
 * checkAddress (the server's schema, run on submit), not per-item validators, and NutUI's Form
 * would hold a second copy of the values next to the page's. The fields stay plain Taro Inputs.
 */
export function AddressForm({
  value,
  errors,
  onChange,
}: {
  value: AddressValues;
  errors: AddressErrors;
  onChange: (key: keyof Address, value: string) => void;
}) {
  return (
    <View className="card checkout-address">
      <Text className="checkout-section-title">收货地址</Text>
      {ADDRESS_FIELDS.map((f) => (
        <View key={f.key} className={`checkout-field checkout-field-${f.key}${errors[f.key] ? ' checkout-field-invalid' : ''}`}>
          <Text className="checkout-field-label">{f.label}</Text>
          <Input
            className={`checkout-input checkout-input-${f.key}`}
            type={f.key === 'mobile' ? 'number' : 'text'}
            value={value[f.key]}
            maxlength={f.max}
            placeholder={f.placeholder}
            onInput={(e) => onChange(f.key, e.detail.value)}
          />
          {errors[f.key] ? <Text className={`checkout-field-error checkout-field-error-${f.key}`}>{errors[f.key]}</Text> : null}
        </View>
      ))}
    </View>
  );
}
