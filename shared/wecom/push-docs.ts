import type { PushContent, PushSendStatus, PushTaskStatus } from '../contracts/wecom-push';
import type { BudgetWindow, PlannedCustomer, SkippedCustomer } from './push';

/** A content task (`wecom_push_tasks`, _id = pt-…): what HQ sends, to whom, and where it stands. */
export interface PushTaskDoc extends PushContent {
  status: PushTaskStatus;
  /** The budget window the plan was made in (and consumed from at confirmation). */
  window: BudgetWindow;
  totals: { clerks: number; customers: number; skipped: number };
  createdAt: number;
  createdBy: string;
  confirmedAt: number | null;
  confirmedBy: string | null;
  /** Last time WeCom's results were read. */
  refreshedAt: number | null;
}

/** One clerk's part of a task (`wecom_push_sends`, _id = <taskId>:<userid>): her customers, her WeCom task, its results. */
export interface PushSendDoc {
  taskId: string;
  /** The clerk's WeCom userid: the sender of her WeCom task. */
  userId: string;
  clerkId: string;
  clerkName: string;
  dealerId: string | null;
  dealerName: string;
  /** Her campaign code the card carries (null without a card). */
  code: string | null;
  customers: PlannedCustomer[];
  skipped: SkippedCustomer[];
  status: PushSendStatus;
  error: string | null;
  /** add_msg_template's msgid; for Moments the jobid, then the moment_id. */
  msgid: string | null;
  jobid: string | null;
  momentId: string | null;
  sent: boolean;
  sentAt: number | null;
  /** Per customer (or group) outcome from get_groupmsg_send_result: 0 未发送 1 已发送 2 非好友 3 已达接收上限. */
  results: Array<{ id: string; status: number }>;
  /** When reminders were sent (remind_groupmsg_send). */
  reminded: number[];
  createdAt: number;
  updatedAt: number;
}

/** A customer's enterprise mass messages in one budget window (`wecom_push_budget`, _id = <external_userid>:<window key>). */
export interface PushBudgetDoc {
  externalUserId: string;
  window: string;
  count: number;
  /** The tasks that counted (a task counts once per customer). */
  taskIds: string[];
  updatedAt: number;
}

/** A 话术 (`wecom_scripts`, _id = sc-…): a standard text with images for a campaign, and how often clerks copied it. */
export interface ScriptDoc {
  campaignId: string;
  title: string;
  text: string;
  images: string[];
  status: 'active' | 'archived';
  uses: number;
  updatedAt: number;
  updatedBy: string;
}
