import { useState } from 'react';
import Taro from '@tarojs/taro';
import type { Address } from '@shared/orders/schemas';
import type { AddressErrors } from '../../components/AddressForm';
import type { AddressForm } from '../../services/checkout';
import { checkAddress, readLastAddress } from '../../services/checkout';

/**
 * The delivery address being typed (starting from the last one used, kept on the phone) and
 * its per-field errors. `check()` runs the server's rules: the address, or null after marking
 * the fields and saying the first problem in a toast.
 */
export function useAddress(): {
  value: AddressForm;
  errors: AddressErrors;
  setField: (key: keyof Address, value: string) => void;
  check: () => Address | null;
} {
  const [value, setValue] = useState<AddressForm>(() => readLastAddress());
  const [errors, setErrors] = useState<AddressErrors>({});
  const setField = (key: keyof Address, v: string) => {
    setValue((f) => ({ ...f, [key]: v }));
    if (errors[key]) setErrors((e) => ({ ...e, [key]: undefined }));
  };
  const check = (): Address | null => {
    const checked = checkAddress(value);
    if (checked.ok) return checked.address;
    setErrors(checked.errors);
    void Taro.showToast({ title: Object.values(checked.errors)[0] ?? '请完善收货地址', icon: 'none' });
    return null;
  };
  return { value, errors, setField, check };
}
