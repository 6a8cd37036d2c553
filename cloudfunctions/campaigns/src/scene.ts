import type { CampaignCodeDoc, CampaignDoc, CodeProblem } from '@shared/campaigns';
import { CODE_PROBLEM_MESSAGES, parseCode } from '@shared/campaigns';
import { Refusal } from '@shared/envelope';
import type { Db, Stored } from '../../_kit/db';
import type { Caller } from '../../_kit/router';
import type { CampaignDocument } from './lib';
import { visitorId } from './lib';
import type { VisitorState } from './visit';

export interface Opened {
  code: string;
  owner: Stored<CampaignCodeDoc>;
  campaign: CampaignDocument;
  /** The consumer's visitor document when it could be read beside the code (undefined: not read). */
  visitor?: VisitorState | null;
}

/**
 * What a scene stands for, or a friendly refusal: NOT_FOUND with `details.reason` (the format
 * problem, or `unknown`) for a code that cannot be read or that this system never issued. A
 * malformed scene costs no database read.
 */
export async function open(db: Db, scene: string, openid?: string): Promise<Opened | Refusal> {
  let raw = scene;
  try {
    raw = decodeURIComponent(scene);
  } catch {
    // Not URI-encoded after all: read it as it came.
  }
  const parsed = parseCode(raw);
  if (!parsed.ok) return new Refusal('NOT_FOUND', CODE_PROBLEM_MESSAGES[parsed.problem], { reason: parsed.problem satisfies CodeProblem });
  const unknown = new Refusal('NOT_FOUND', CODE_PROBLEM_MESSAGES.unknown, { reason: 'unknown' });
  // Only what the landing page needs: posters and copy texts are the bulk of a kit.
  const campaignOf = (id: string) => db.find<CampaignDoc>('campaigns', { _id: id }, { limit: 1, fields: LANDING_FIELDS });
  // A code this instance has seen: its campaign is read beside it rather than after it.
  const known = campaignOfCode.get(parsed.code);
  // And so is the visitor's own document, whose id is the campaign's and the consumer's.
  const [owner, guessed, visitor] = await Promise.all([
    db.getById<CampaignCodeDoc>('campaign_codes', parsed.code),
    known ? campaignOf(known) : null,
    known && openid ? db.getById<VisitorState>('campaign_visitors', visitorId(known, openid)) : undefined,
  ]);
  if (!owner) return unknown;
  const hit = guessed && known === owner.campaignId;
  const [campaign] = hit ? guessed : await campaignOf(owner.campaignId);
  if (campaignOfCode.size >= CODE_MEMO_CAP) campaignOfCode.clear();
  campaignOfCode.set(parsed.code, owner.campaignId);
  if (!campaign || campaign.status === 'draft') return unknown;
  return { code: parsed.code, owner, campaign, ...(hit ? { visitor } : {}) };
}

/**
 * The campaign of each code this instance has opened. A code belongs to one campaign for good
 * (kits.ts issues it once), and the code and the campaign are still read on every visit; the
 * memo only lets the two reads go out together, one network hop instead of two in CloudBase.
 */
const campaignOfCode = new Map<string, string>();

const CODE_MEMO_CAP = 10_000;

const LANDING_FIELDS = { title: true, summary: true, period: true, status: true, startAt: true, endAt: true, coupon: true, share: true };

export function consumer(caller: Caller): string | Refusal {
  return caller.openid ?? new Refusal('UNAUTHENTICATED', '请在微信中打开活动页面');
}
