import type { ApplicationView, CreditView, DealerListItem, InvitationView, StaffMember } from '@shared/contracts';
import type { ApplicationDoc, ApplicationStatus, InvitationDoc } from '@shared/admission/stored';
import { levelName, regionName } from '@shared/dealer';
import type { AccountDoc, DealerDoc, UserDoc } from '@shared/models';
import type { Stored } from '../../_kit/db';

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  submitted: '待审核',
  needs_info: '需补充资料',
  approved: '已通过',
  rejected: '未通过',
};

/** Days to pay when a dealer has no terms of its own (the brand's default 账期). */
export const DEFAULT_PAYMENT_TERM_DAYS = 30;

/** The page an invitation's QR opens (account subpackage), carrying the code. */
export const invitationPath = (code: string): string => `packages/account/invite/index?code=${code}`;

export function applicationView(doc: Stored<ApplicationDoc>): ApplicationView {
  const { _id, applicantOpenid: _openid, updatedAt: _updated, ...rest } = doc;
  return { ...rest, id: _id, regionName: regionName(doc.region), statusLabel: APPLICATION_STATUS_LABELS[doc.status] };
}

export function invitationView(code: string, doc: InvitationDoc, dealerName: string): InvitationView {
  return { code, dealerId: doc.dealerId, dealerName, staffRole: doc.staffRole, name: doc.name, expiresAt: doc.expiresAt, path: invitationPath(code) };
}

export function dealerListItem(d: Stored<DealerDoc>): DealerListItem {
  return {
    id: d._id,
    name: d.name,
    level: d.level,
    levelName: levelName(d.level),
    region: d.region,
    regionName: regionName(d.region),
    city: d.city,
    status: d.status,
    creditLimit: d.creditLimit,
  };
}

/** Headroom as orders.submit computes it (shared/orders/credit): limit − receivable − reserved. */
export function creditView(d: DealerDoc, account: AccountDoc | null): CreditView {
  const receivable = account?.receivable ?? 0;
  const reserved = account?.creditReserved ?? 0;
  return {
    creditLimit: d.creditLimit,
    receivable,
    reserved,
    headroom: d.creditLimit - receivable - reserved,
    paymentTermDays: d.paymentTermDays ?? DEFAULT_PAYMENT_TERM_DAYS,
  };
}

/** One of a dealer's people; a user from before invitations is its owner (role dealer) or a clerk. */
export function staffMember(u: Stored<UserDoc>): StaffMember {
  return { userId: u._id, name: u.name, role: u.role, staffRole: u.staffRole ?? (u.role === 'clerk' ? 'clerk' : 'owner'), mobile: u.mobile, status: u.status };
}
