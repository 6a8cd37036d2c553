import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { TierPriceItem } from '@shared/contracts/tier';
import { formatFen } from '@shared/money/format-fen';
import { fenToYuanText, priceProblem, yuanToFen } from '../api';

/** One SKU's 供货价: list price, bounds, current price and stock; 修改 opens a field checked against the bounds. */
export function PriceRow({ item: i, saving, onSave }: { item: TierPriceItem; saving: boolean; onSave: (fen: number) => Promise<string | null> }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(i.unitPrice === null ? '' : fenToYuanText(i.unitPrice));
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const problem = priceProblem(text, i);
    if (problem) return setError(problem);
    const refused = await onSave(yuanToFen(text)!);
    if (refused) return setError(refused);
    setError(null);
    setEditing(false);
  };
  return (
    <View className={`card tier-price tier-price-${i.sku}`}>
      <View className="tier-row">
        <Text className="tier-price-name">{i.name}</Text>
        <Text className={`tier-price-current${i.unitPrice === null ? ' tier-price-unset' : ''}`}>
          {i.unitPrice === null ? '未定价' : `${formatFen(i.unitPrice)}/${i.baseUnit}`}
        </Text>
      </View>
      <Text className="tier-price-spec muted">
        {i.spec} · 统一零售价 {formatFen(i.listPrice)} · 可售库存 {i.available} {i.baseUnit}
      </Text>
      <Text className="tier-price-bounds">
        允许范围 {formatFen(i.floor)} – {formatFen(i.ceil)}
      </Text>
      {editing ? (
        <View className="tier-panel">
          <Text className="tier-label">供货价（元/{i.baseUnit}）</Text>
          <Input
            className="tier-input tier-price-input"
            type="digit"
            value={text}
            maxlength={12}
            placeholder={`${fenToYuanText(i.floor)} – ${fenToYuanText(i.ceil)}`}
            onInput={(e) => {
              setText(e.detail.value);
              if (error) setError(null);
            }}
          />
          {error ? <Text className="tier-error tier-price-error">{error}</Text> : null}
          <View className="tier-actions">
            <Button className="tier-panel-close" shape="round" onClick={() => (setEditing(false), setError(null))}>
              取消
            </Button>
            <Button className="tier-price-save" type="primary" shape="round" loading={saving} onClick={() => void submit()}>
              保存
            </Button>
          </View>
        </View>
      ) : (
        <View className="tier-actions">
          <Button className="tier-price-edit" shape="round" onClick={() => setEditing(true)}>
            {i.unitPrice === null ? '设置供货价' : '修改'}
          </Button>
        </View>
      )}
    </View>
  );
}
