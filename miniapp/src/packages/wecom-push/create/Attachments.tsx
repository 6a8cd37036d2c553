import { useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import { Button, Input, Tag } from '@nutui/nutui-react-taro';
import { MAX_IMAGES } from './useDraft';

/** The task's images: thumbnails (tap to remove) and + to pick and upload one more. */
export function ImagePicker(props: { images: ReadonlyArray<{ fileId: string; preview: string }>; onAdd: () => void; onRemove: (fileId: string) => void }) {
  return (
    <View className="push-images">
      {props.images.map((i) => (
        <Image key={i.fileId} className="push-image" src={i.preview} mode="aspectFill" onClick={() => props.onRemove(i.fileId)} />
      ))}
      {props.images.length < MAX_IMAGES ? (
        <View className="push-image push-image-add" onClick={props.onAdd}>
          +
        </View>
      ) : null}
    </View>
  );
}

/** Customer tags typed as 分组/标签 and added one at a time; each chip removes itself on tap. */
export function TagInput(props: { tags: readonly string[]; onAdd: (raw: string) => boolean; onRemove: (tag: string) => void }) {
  const [typed, setTyped] = useState('');
  const add = () => {
    if (props.onAdd(typed)) setTyped('');
  };
  return (
    <View className="push-tags">
      <View className="push-tag-row">
        <Input className="push-tag-input" placeholder="例如 活动/春茶季" value={typed} onChange={setTyped} onConfirm={add} />
        <Button className="push-tag-add" disabled={!typed.trim()} onClick={add}>
          添加
        </Button>
      </View>
      {props.tags.length > 0 ? (
        <View className="push-chips">
          {props.tags.map((t) => (
            <Tag key={t} className="push-chip push-tag push-chip-on" type="primary" onClick={() => props.onRemove(t)}>
              {t} ✕
            </Tag>
          ))}
        </View>
      ) : (
        <Text className="push-hint muted">不加标签：发给所选经销商的全部客户。</Text>
      )}
    </View>
  );
}
