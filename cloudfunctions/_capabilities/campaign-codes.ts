import type { CampaignCodeDoc } from '@shared/campaigns';
import { parseCode } from '@shared/campaigns';
import type { Db, Stored } from '../_kit/db';

/** Who a campaign code stands for. */
export interface CodeOwner {
  campaignId: string;
  dealerId: string;
  /** The sharer (a store clerk or the dealer owner), users _id. */
  clerkId: string;
}

/** The stored code document of a scene / WeCom state, or null when it is malformed or unknown. */
export async function codeDocOf(db: Db, raw: string): Promise<Stored<CampaignCodeDoc> | null> {
  const parsed = parseCode(raw);
  if (!parsed.ok) return null;
  return db.getById('campaign_codes', parsed.code);
}

/**
 * Resolve a campaign code (a mini-program scene or a WeCom contact-way `state`) to campaign +
 * dealer + sharer. Null for anything that is not a code this system issued: a malformed string
 * costs no database read.
 */
export async function resolveCode(db: Db, code: string): Promise<CodeOwner | null> {
  const doc = await codeDocOf(db, code);
  return doc ? { campaignId: doc.campaignId, dealerId: doc.dealerId, clerkId: doc.clerkId } : null;
}
