import { useState } from 'react';
import Taro from '@tarojs/taro';
import type { PushChannel } from '@shared/contracts';
import { call } from '../../../services/cloud';
import { pickAndUploadPhoto } from '../../../services/upload';
import { useCall } from '../../../services/useCall';

export interface Draft {
  title: string;
  text: string;
  channel: PushChannel;
  regions: string[];
  levels: string[];
  /** The campaign whose card each clerk's message carries (her own code), or '' for none. */
  campaignId: string;
  cardTitle: string;
  /** Stored images (fileID and a preview), at most MAX_IMAGES: WeCom allows 9 attachments, the card takes one. */
  images: Array<{ fileId: string; preview: string }>;
  /** Customers carrying any of these tags (`分组/标签`); none: every customer of the chosen dealers. */
  tags: string[];
}

export const MAX_IMAGES = 8;
const MAX_TAGS = 20;
const EMPTY: Draft = { title: '', text: '', channel: 'single', regions: [], levels: [], campaignId: '', cardTitle: '', images: [], tags: [] };

/** A tag as WeCom names it, `分组/标签`, or why not. */
export function checkTag(raw: string, taken: readonly string[]): { tag: string } | { error: string } {
  const tag = raw.trim().replace(/\s*\/\s*/, '/');
  if (!/^[^/]+\/[^/]+$/.test(tag)) return { error: '标签写作“分组/标签”，例如 活动/春茶季' };
  if ([...tag].length > 62) return { error: '标签太长（最多 62 字）' };
  if (taken.includes(tag)) return { error: '这个标签已经加过了' };
  if (taken.length >= MAX_TAGS) return { error: `最多 ${MAX_TAGS} 个标签` };
  return { tag };
}

/** The new task's fields, the campaigns a card may open, and 生成发送计划 (pushPlan → the task page). */
export function useDraft() {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [busy, setBusy] = useState(false);
  const campaigns = useCall(() => call('campaigns', 'list'));
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const toggle = (key: 'regions' | 'levels', value: string) =>
    setDraft((d) => ({ ...d, [key]: d[key].includes(value) ? d[key].filter((v) => v !== value) : [...d[key], value] }));

  const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 3000 });
  async function addImage() {
    try {
      const image = await pickAndUploadPhoto('push');
      setDraft((d) => ({ ...d, images: [...d.images, image].slice(0, MAX_IMAGES) }));
    } catch (e) {
      // Closing the picker is no error; a failed upload says so.
      const message = e instanceof Error ? e.message : '';
      if (!/cancel/i.test(message)) toast(message || '上传失败，请重试');
    }
  }
  const removeImage = (fileId: string) => setDraft((d) => ({ ...d, images: d.images.filter((i) => i.fileId !== fileId) }));
  /** Adds a typed tag; answers whether it was added (the input then clears). */
  const addTag = (raw: string): boolean => {
    const checked = checkTag(raw, draft.tags);
    if ('error' in checked) {
      toast(checked.error);
      return false;
    }
    setDraft((d) => ({ ...d, tags: [...d.tags, checked.tag] }));
    return true;
  };
  const removeTag = (tag: string) => setDraft((d) => ({ ...d, tags: d.tags.filter((t) => t !== tag) }));

  async function plan() {
    setBusy(true);
    const card = draft.campaignId && draft.channel !== 'moment' ? { campaignId: draft.campaignId, title: draft.cardTitle || draft.title } : null;
    const res = await call('wecom', 'pushPlan', {
      title: draft.title,
      text: draft.text,
      images: draft.images.map((i) => i.fileId),
      card,
      channel: draft.channel,
      audience: { regions: draft.regions as never, levels: draft.levels as never, tags: draft.tags },
    });
    setBusy(false);
    if (!res.ok) return toast(res.error.issues?.[0]?.message ?? res.error.message);
    void Taro.redirectTo({ url: `/packages/wecom-push/task/index?id=${res.data.taskId}` });
  }

  return {
    draft,
    set,
    toggle,
    busy,
    plan,
    addImage,
    removeImage,
    addTag,
    removeTag,
    campaigns: campaigns.state.status === 'ok' ? campaigns.state.data.items.filter((c) => c.phase !== 'over' && c.status === 'published') : [],
  };
}
