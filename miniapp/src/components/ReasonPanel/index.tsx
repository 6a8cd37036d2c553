import { useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { REASON_MAX, REASON_MIN } from '@shared/orders/state-machine';
import './index.scss';

/**
 * A reason the other side will read (cancel, reject): 2–200 characters after trimming, checked
 * before sending. The field is Taro's own Textarea, not NutUI's TextArea: the rule counts the
 * trimmed text (NutUI's counter counts spaces too) and NutUI's wraps the field, so its input
 * events would not come from the element that carries `reason-input`.
 */
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
      <Text className="reason-title">{title}</Text>
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
        <Button className="reason-close" shape="round" onClick={onClose}>
          返回
        </Button>
        <Button className="reason-submit" type="danger" shape="round" loading={busy} onClick={send}>
          {busy ? '提交中…' : submitText}
        </Button>
      </View>
    </View>
  );
}

/**
 * 审批意见（选填）: a note the approver may add to 通过; it goes with the approval and shows on the
 * order's timeline. Optional, so nothing to check but the length the server allows.
 */
export function CommentField({ value, onChange, className }: { value: string; onChange: (v: string) => void; className: string }) {
  return (
    <Textarea
      className={`comment-input ${className}`}
      value={value}
      maxlength={REASON_MAX}
      placeholder="审批意见（选填），经销商会在订单动态里看到"
      autoHeight
      onInput={(e) => onChange(e.detail.value)}
    />
  );
}
