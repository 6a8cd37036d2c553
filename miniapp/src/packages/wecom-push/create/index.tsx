import { Text, Textarea, View } from '@tarojs/components';
import { Button, Input, Tag } from '@nutui/nutui-react-taro';
import { PUSH_CHANNEL_LABELS, PUSH_CHANNELS } from '@shared/contracts';
import { DEALER_LEVELS, REGIONS } from '@shared/dealer';
import { ImagePicker, TagInput } from './Attachments';
import { MAX_IMAGES, useDraft } from './useDraft';
import './index.scss';

/** A chip that is on or off. */
function Chip({ on, label, className, onClick }: { on: boolean; label: string; className: string; onClick: () => void }) {
  return (
    <Tag className={`push-chip ${className} ${on ? 'push-chip-on' : ''}`} type={on ? 'primary' : 'default'} plain={!on} onClick={onClick}>
      {label}
    </Tag>
  );
}

/**
 * 新建下发任务 (HQ): the message and its images, an optional mini-program card of a campaign (each
 * clerk's copy carries her own campaign code), the channel, the dealers it goes through and the
 * customer tags it is limited to. 生成发送计划 shows
 * who will receive it and who is skipped before anything is sent.
 */
export default function PushCreatePage() {
  const { draft, set, toggle, busy, plan, campaigns, addImage, removeImage, addTag, removeTag } = useDraft();
  return (
    <View className="page page-push-create">
      <View className="card push-form">
        <Text className="push-label">标题（仅总部可见）</Text>
        <Input className="push-title-input" placeholder="例如：暖冬热饮上新" value={draft.title} onChange={(v) => set({ title: v })} />
        <Text className="push-label">消息内容</Text>
        <Textarea className="push-text-input" placeholder="客户收到的文字" value={draft.text} maxlength={1000} onInput={(e) => set({ text: e.detail.value })} />
        <Text className="push-label">图片（最多 {MAX_IMAGES} 张，点图片移除）</Text>
        <ImagePicker images={draft.images} onAdd={() => void addImage()} onRemove={removeImage} />
        <Text className="push-label">发送方式</Text>
        <View className="push-chips">
          {PUSH_CHANNELS.map((c) => (
            <Chip key={c} className={`push-channel-${c}`} on={draft.channel === c} label={PUSH_CHANNEL_LABELS[c]} onClick={() => set({ channel: c })} />
          ))}
        </View>
        <Text className="push-label">大区（不选为全部）</Text>
        <View className="push-chips">
          {Object.entries(REGIONS).map(([code, name]) => (
            <Chip key={code} className={`push-region-${code}`} on={draft.regions.includes(code)} label={name} onClick={() => toggle('regions', code)} />
          ))}
        </View>
        <Text className="push-label">经销商等级（不选为全部）</Text>
        <View className="push-chips">
          {Object.entries(DEALER_LEVELS).map(([code, name]) => (
            <Chip key={code} className={`push-level-${code}`} on={draft.levels.includes(code)} label={name} onClick={() => toggle('levels', code)} />
          ))}
        </View>
        <Text className="push-label">客户标签（带任一标签的客户）</Text>
        <TagInput tags={draft.tags} onAdd={addTag} onRemove={removeTag} />
        {draft.channel === 'moment' ? (
          <Text className="push-hint muted">朋友圈不能带小程序卡片。</Text>
        ) : (
          <>
            <Text className="push-label">小程序卡片（每位导购带自己的活动码）</Text>
            <View className="push-chips">
              <Chip className="push-card-none" on={!draft.campaignId} label="不带卡片" onClick={() => set({ campaignId: '' })} />
              {campaigns.map((c) => (
                <Chip
                  key={c.id}
                  className={`push-card-${c.id}`}
                  on={draft.campaignId === c.id}
                  label={c.title}
                  onClick={() => set({ campaignId: c.id, cardTitle: c.shareTitle })}
                />
              ))}
            </View>
          </>
        )}
      </View>
      <Button className="push-plan" type="primary" block loading={busy} disabled={!draft.title || !draft.text} onClick={() => void plan()}>
        生成发送计划
      </Button>
    </View>
  );
}
