import type { Screening } from './types';

/** Where an application stands. `needs_info` and `submitted` are open; the rest are closed. */
export type ApplicationStatus = 'submitted' | 'needs_info' | 'approved' | 'rejected';
export const OPEN_APPLICATION_STATUSES: readonly ApplicationStatus[] = ['submitted', 'needs_info'];

/** What the applicant fills in (the 申请加盟 form); divisions are GB/T 2260 codes with their names. */
export interface ApplicationForm {
  company: string;
  creditCode: string;
  legalRep: string;
  contactName: string;
  mobile: string;
  province: { code: string; name: string };
  city: { code: string; name: string };
  district: { code: string; name: string };
  categoryIds: string[];
  stores: number;
  /** Fen. */
  annualSalesFen: number;
  desiredLevel: string;
  /** Cloud-storage file id of the business-licence photo. */
  licenceFileId: string | null;
}

/** One application (`dealer_applications`, _id server-made): the form, screening and the decision. */
export interface ApplicationDoc extends ApplicationForm {
  applicantOpenid: string;
  /** The brand's sales region of the province: the queue of that region's managers. */
  region: string;
  status: ApplicationStatus;
  screening: Screening;
  /** What a reviewer or screening asked the applicant to add (needs_info). */
  requested: string | null;
  decision: { by: string; at: number; reason: string | null; dealerId: string | null } | null;
  submittedAt: number;
  updatedAt: number;
  /** Times the applicant sent it (1 at first). */
  rounds: number;
}

/**
 * One credit code (`credit_codes`, _id = the normalised code): the open application holding it,
 * so a second open application of the code is refused inside the transaction that would make it.
 */
export interface CreditCodeDoc {
  openApplicationId: string | null;
  /** Closed applications of the code (screening's duplicate rule). */
  closedApplications: number;
  dealerId: string | null;
  updatedAt: number;
}

/** A credit code the brand will not admit (`dealer_blacklist`, _id = the code). */
export interface BlacklistDoc {
  company: string;
  reason: string;
  at: number;
  by: string;
}

/** Who an invitation makes the person who opens it: the dealer's owner, a buyer or a clerk. */
export type StaffRole = 'owner' | 'buyer' | 'clerk';

/** An invitation (`dealer_invitations`, _id = the code, server-made random) to bind a WeChat account to a dealer. */
export interface InvitationDoc {
  dealerId: string;
  staffRole: StaffRole;
  name: string;
  mobile: string | null;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  /** The user the invitation made once opened; an invitation binds once. */
  usedBy: string | null;
  usedAt: number | null;
  revoked: boolean;
}
