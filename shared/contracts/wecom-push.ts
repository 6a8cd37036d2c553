import { z } from 'zod';
import { action } from '../contract';
import { audienceSchema } from '../targeting/dealers';
import type { BudgetWindow, PlannedCustomer, SkippedCustomer } from '../wecom/push';

/**
 * 总部一键下发 and the 话术 library: HQ's content tasks, sent through every clerk as WeCom
 * 企业群发 (add_msg_template) or 企业朋友圈 (add_moment_task), their plan, execution and
 * reminders; the clerks' standard texts. See docs/wecom.md.
 */
const fileId = z
  .string()
  .max(300)
  .regex(/^cloud:\/\/\S+$/, { message: '图片须先上传到云存储，填写 cloud:// 开头的 fileID' });

export const PUSH_CHANNELS = ['single', 'group', 'moment'] as const;
export type PushChannel = (typeof PUSH_CHANNELS)[number];
export const PUSH_CHANNEL_LABELS: Record<PushChannel, string> = { single: '1:1 群发给客户', group: '群发到客户群', moment: '发表到客户朋友圈' };

const taskIdSchema = z.string().regex(/^pt-[0-9a-z]{6,40}$/, '任务编号不对');

export const pushContentSchema = z
  .strictObject({
    title: z.string().trim().min(2).max(30),
    /** WeCom allows 4,000 bytes of text; 1,000 characters keeps well inside it. */
    text: z.string().trim().min(1).max(1000),
    /** Up to 9 attachments in all (WeCom); images first. */
    images: z.array(fileId).max(8).default([]),
    /** A mini-program card of a campaign: each clerk's own copy carries her campaign code. */
    card: z
      .strictObject({ campaignId: z.string().min(1).max(64), title: z.string().trim().min(1).max(30) })
      .nullable()
      .default(null),
    channel: z.enum(PUSH_CHANNELS),
    audience: audienceSchema.extend({
      /** Customers carrying any of these tags (`group/name`, e.g. 活动/春茶季); empty: every customer. */
      tags: z.array(z.string().trim().min(1).max(62)).max(20).default([]),
    }),
  })
  .refine((c) => !(c.channel === 'moment' && c.card), { message: '企业朋友圈不能带小程序卡片（add_moment_task 只收图片、视频和网页链接）', path: ['card'] });
export type PushContent = z.output<typeof pushContentSchema>;

export type PushTaskStatus = 'planned' | 'sending' | 'cancelled';
export type PushSendStatus = 'planned' | 'queued' | 'created' | 'failed' | 'empty';

/** One clerk's part of a task, as the plan and the execution show it. */
export interface PushClerkView {
  userId: string;
  clerkId: string;
  clerkName: string;
  dealerId: string | null;
  dealerName: string;
  /** The campaign code her card carries; null without a card. */
  code: string | null;
  customers: number;
  skipped: SkippedCustomer[];
  status: PushSendStatus;
  statusText: string;
  /** Whether she has sent it in WeCom (get_groupmsg_task / get_moment_task). */
  sent: boolean;
  sentAt: number | null;
  /** Per customer, from get_groupmsg_send_result. */
  delivered: number;
  failed: number;
  reminded: number;
}

export interface PushDealerView {
  dealerId: string | null;
  dealerName: string;
  clerks: number;
  sent: number;
  /** Whole percent of clerks with a WeCom task who sent it; null when none had one. */
  rate: number | null;
}

export interface PushTaskView {
  taskId: string;
  title: string;
  text: string;
  channel: PushChannel;
  channelLabel: string;
  card: { campaignId: string; title: string } | null;
  images: number;
  status: PushTaskStatus;
  window: BudgetWindow;
  createdAt: number;
  confirmedAt: number | null;
  refreshedAt: number | null;
  totals: { clerks: number; customers: number; skipped: number; sent: number; rate: number | null };
  dealers: PushDealerView[];
  clerks: PushClerkView[];
}

export interface PushTaskItem {
  taskId: string;
  title: string;
  channelLabel: string;
  status: PushTaskStatus;
  createdAt: number;
  clerks: number;
  customers: number;
}

export interface ScriptItem {
  scriptId: string;
  campaignId: string;
  campaignTitle: string;
  title: string;
  text: string;
  images: string[];
  uses: number;
}

export type { PlannedCustomer, SkippedCustomer };

export const wecomPush = {
  /** HQ drafts a content task: the plan per clerk (who receives it, who is skipped and why), nothing sent yet. */
  pushPlan: action<PushTaskView>()(pushContentSchema, {
    title: '春茶季上新',
    text: '春茶季上新，到店领券立减 20 元。',
    images: [],
    card: { campaignId: 'spring-tea-2026', title: '春茶季到店礼' },
    channel: 'single',
    audience: { regions: ['east'], levels: [], tags: [] },
  }),
  /** HQ confirms a plan: budgets are consumed (re-checked) and one WeCom task per clerk is queued. */
  pushConfirm: action<PushTaskView>()(z.strictObject({ taskId: taskIdSchema }), { taskId: 'pt-demo000001' }),
  /** A task's plan and execution (HQ: every dealer; a dealer owner: their own clerks). `refresh` asks WeCom first (admin). */
  pushTask: action<PushTaskView>()(z.strictObject({ taskId: taskIdSchema, refresh: z.boolean().optional() }), { taskId: 'pt-demo000001' }),
  /** Content tasks, newest first. */
  pushTasks: action<{ items: PushTaskItem[] }>()(z.strictObject({ limit: z.number().int().min(1).max(50).optional() }), { limit: 20 }),
  /** Remind clerks who have not sent (remind_groupmsg_send; WeCom allows 3 per task in 24 h). */
  pushRemind: action<{ reminded: number; refused: Array<{ userId: string; reason: string }> }>()(
    z.strictObject({ taskId: taskIdSchema, userId: z.string().min(1).max(64).optional() }),
    { taskId: 'pt-demo000001' },
  ),
  /** The 话术 library: standard texts and images of running campaigns. */
  scripts: action<{ items: ScriptItem[] }>()(z.strictObject({ campaignId: z.string().min(1).max(64).optional() }), {}),
  /** A clerk copied a script (counted). */
  scriptUse: action<{ uses: number }>()(z.strictObject({ scriptId: z.string().min(1).max(80) }), { scriptId: 'sc-spring-tea-2026-1' }),
  /** HQ adds or edits a script; `archived` takes it out of the library. */
  scriptSave: action<{ scriptId: string; created: boolean }>()(
    z.strictObject({
      scriptId: z
        .string()
        .regex(/^sc-[0-9a-z-]{3,60}$/)
        .optional(),
      campaignId: z.string().min(1).max(64),
      title: z.string().trim().min(2).max(30),
      text: z.string().trim().min(1).max(1000),
      images: z.array(fileId).max(9).optional(),
      archived: z.boolean().optional(),
    }),
    { campaignId: 'spring-tea-2026', title: '到店邀约', text: '春茶季上新，到店领券立减 20 元。' },
  ),
};
