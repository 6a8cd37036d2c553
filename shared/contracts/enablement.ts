import { z } from 'zod';
import { action } from '../contract';
import type { EnablementResourceDoc, ResourceKind } from '../enablement/types';
import { RESOURCE_KINDS } from '../enablement/types';
import { dealerLevelSchema, regionSchema } from '../targeting';
import { mustReadCount } from './enablement-badge';

const resourceId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,47}$/, { message: '资源编号为 2–48 位小写字母、数字或连字符' });
/** A file in the environment's cloud storage (what wx.cloud.uploadFile answers). */
const fileId = z
  .string()
  .max(400)
  .regex(/^cloud:\/\/\S+$/, { message: '文件须先上传到云存储，填写 cloud:// 开头的 fileID' });

/** A resource as a reader sees it: what it is, whether they read this version, whether it is a must-read and by when. */
export interface ResourceItem {
  id: string;
  title: string;
  summary: string;
  kind: ResourceKind;
  fileId: string;
  fileType: string | null;
  version: number;
  updatedAt: number;
  mustReadBy: number | null;
  read: boolean;
  /** Published or changed in the last 14 days and not read yet. */
  isNew: boolean;
  overdue: boolean;
}

export interface UnreadReader {
  userId: string;
  name: string;
  role: string;
  dealerId: string | null;
  dealerName: string | null;
}

/** A must-read as a manager follows it: what it is, for whom and by when (the readers are one tap away). */
export interface MustReadItem {
  id: string;
  title: string;
  kind: ResourceKind;
  version: number;
  roles: Array<'dealer' | 'clerk' | 'manager'>;
  mustReadBy: number;
  /** The deadline has passed. */
  overdue: boolean;
}

export const enablement = {
  /** Publish a resource or a new version of it (admin, console): upload the file to cloud storage first. */
  publishResource: action<{ id: string; version: number; created: boolean }>()(
    z.strictObject({
      id: resourceId,
      title: z.string().trim().min(2).max(60),
      summary: z.string().trim().max(300).default(''),
      kind: z.enum(RESOURCE_KINDS),
      fileId,
      fileType: z.enum(['pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx']).nullable().default(null),
      /** Who may see it by level, region and dealer id: every list stated, an empty one meaning everyone (shared/targeting). */
      target: z.strictObject({
        levels: z.array(dealerLevelSchema).max(3),
        regions: z.array(regionSchema).max(5),
        dealerIds: z.array(z.string().min(1).max(64)).max(1000),
      }),
      roles: z
        .array(z.enum(['dealer', 'clerk', 'manager']))
        .min(1)
        .max(3),
      mustReadBy: z.number().int().min(0).nullable().default(null),
      status: z.enum(['published', 'withdrawn']).default('published'),
    }),
    {
      id: 'policy-2027-rebate',
      title: '2027 年度返利政策',
      summary: '年度返利规则与申报时间',
      kind: 'policy',
      fileId: 'cloud://demo-env.7465-demo-env/enablement/policy-2027-rebate.pdf',
      fileType: 'pdf',
      target: { levels: ['A', 'B'], regions: [], dealerIds: [] },
      roles: ['dealer'],
      mustReadBy: null,
    },
  ),
  /** The resources the caller may see, with what is new and what they must read (the badge counts). */
  resources: action<{ items: ResourceItem[]; newCount: number; mustReadCount: number }>()(z.strictObject({}), {}),
  /** Record that the caller opened a resource's current version: once per user and version. */
  markRead: action<{ recorded: boolean }>()(z.strictObject({ resourceId, version: z.number().int().min(1) }), { resourceId: 'policy-2027-rebate', version: 1 }),
  /** Who may see a resource and has not read its current version (a manager: their regions). */
  unreadReaders: action<{ resourceId: string; version: number; readers: UnreadReader[]; read: number }>()(z.strictObject({ resourceId }), {
    resourceId: 'policy-2027-rebate',
  }),
  /** How many must-reads the caller has not read yet: the badge on 我的 (one small answer). */
  mustReadCount,
  /** The must-reads a manager follows (those aimed at their regions; an admin: all), soonest deadline first. */
  mustReads: action<{ items: MustReadItem[] }>()(z.strictObject({}), {}),
  /** Remind everyone who has not read it yet by subscription message (those who allowed it). */
  remindUnread: action<{ reminded: number; unread: number }>()(z.strictObject({ resourceId }), { resourceId: 'policy-2027-rebate' }),
};

export type ResourceDocView = EnablementResourceDoc & { id: string };
