import type { CampaignCodeDoc } from '@shared/campaigns';
import { deriveCode, parseCode } from '@shared/campaigns';
import type { Db, Stored } from '../_kit/db';
import { isDuplicateKey } from '../_kit/sdk';

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

/** Candidate codes tried before giving up: a 45-bit collision is already a one-in-trillions event. */
const MAX_CODE_ATTEMPTS = 5;

/**
 * The sharer's code for the campaign, created once (the share page, and HQ's content tasks for
 * each clerk's mini-program card). The id is derived from campaign + sharer, so two concurrent
 * first requests insert the same _id: one wins, the other reads the winner's.
 */
export async function ensureCode(
  db: Db,
  seed: Omit<CampaignCodeDoc, 'qrFileId' | 'createdAt'>,
  now: number,
): Promise<{ code: string; doc: CampaignCodeDoc; created: boolean }> {
  const ours = (d: CampaignCodeDoc | null) => !!d && d.campaignId === seed.campaignId && d.clerkId === seed.clerkId;
  for (let attempt = 0; attempt < MAX_CODE_ATTEMPTS; attempt++) {
    const code = deriveCode(seed.campaignId, seed.clerkId, attempt);
    const existing = await db.getById('campaign_codes', code);
    if (existing) {
      if (ours(existing)) return { code, doc: existing, created: false };
      continue;
    }
    const doc: CampaignCodeDoc = { ...seed, qrFileId: null, createdAt: now };
    try {
      await db.add('campaign_codes', { _id: code, ...doc });
      return { code, doc, created: true };
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      const winner = await db.getById('campaign_codes', code);
      if (ours(winner)) return { code, doc: winner!, created: false };
    }
  }
  throw new Error(`no free campaign code for ${seed.campaignId}/${seed.clerkId} after ${MAX_CODE_ATTEMPTS} attempts`);
}
