import { useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import { REASON_MAX, REASON_MIN } from '@shared/orders/state-machine';

/** A reason the other side will read (cancel, reject): 2–200 characters after trimming, checked before sending. */
export function ReasonPanel({
  title,
  placeholder,
  submitText,
  busy,
  onClose,
  onSubmit,
}: {
  title: string;
  placeholder: string;
  submitText: string;
  busy: boolean;
  onClose: () => void;
  onSubmit: (reason: string) => Promise<boolean> | void;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const send = () => {
    if (busy) return;
    const reason = text.trim();
    if (reason.length < REASON_MIN) return setError(`请填写原因，至少 ${REASON_MIN} 个字`);
    if (reason.length > REASON_MAX) return setError(`原因最多 ${REASON_MAX} 个字，请精简`);
    setError(null);
    void onSubmit(reason);
  };
  return (
    <View className="card reason-panel">
      <Text className="order-section-title">{title}</Text>
      <Textarea
        className="reason-input"
        value={text}
        maxlength={REASON_MAX}
        placeholder={placeholder}
        autoHeight
        onInput={(e) => {
          setText(e.detail.value);
          if (error) setError(null);
        }}
      />
      <Text className="reason-count muted">
        {text.trim().length}/{REASON_MAX}
      </Text>
      {error ? <Text className="reason-error">{error}</Text> : null}
      <View className="reason-buttons">
        <View className="order-action order-action-plain reason-close" onClick={onClose}>
          返回
        </View>
        <View className={`order-action order-action-danger reason-submit${busy ? ' order-action-busy' : ''}`} onClick={send}>
          {busy ? '提交中…' : submitText}
        </View>
      </View>
    </View>
  );
}
