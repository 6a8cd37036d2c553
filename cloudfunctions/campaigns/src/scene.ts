import type { CampaignCodeDoc, CodeProblem } from '@shared/campaigns';
import { CODE_PROBLEM_MESSAGES, parseCode } from '@shared/campaigns';
import { Refusal } from '@shared/envelope';
import { shanghaiDayKey } from '@shared/time';
import type { Db, Stored } from '../../_kit/db';
import type { Caller } from '../../_kit/router';
import type { CampaignDocument } from './lib';
import { visitorId, visitShardId } from './lib';
import type { VisitorState } from './visit';

export interface Opened {
  code: string;
  owner: Stored<CampaignCodeDoc>;
  campaign: CampaignDocument;
  /** The consumer's visitor document when it could be read beside the code (undefined: not read). */
  visitor?: VisitorState | null;
  /** Whether the consumer's visit shard of today existed, read with the visitor (lib.ts VISIT_SHARDS). */
  visitShard?: boolean;
}

/**
 * What a scene stands for, or a friendly refusal: NOT_FOUND with `details.reason` (the format
 * problem, or `unknown`) for a code that cannot be read or that this system never issued. A
 * malformed scene costs no database read.
 */
export async function open(db: Db, scene: string, visit?: { openid: string; now: number }): Promise<Opened | Refusal> {
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
  const campaignOf = (id: string) => db.find('campaigns', { _id: id }, { limit: 1, fields: LANDING_FIELDS });
  // A code this instance has seen is not read again; its campaign, the visitor's own document
  // (whose id is the campaign's and the consumer's) and the consumer's visit shard go out together.
  const known = codeMemo.get(parsed.code);
  if (known) {
    const shardId = visit && visitShardId({ campaignId: known.campaignId, code: parsed.code, day: shanghaiDayKey(visit.now) }, visit.openid);
    const [[campaign], visitor, shard] = await Promise.all([
      campaignOf(known.campaignId),
      visit ? db.getById<VisitorState>('campaign_visitors', visitorId(known.campaignId, visit.openid)) : undefined,
      shardId ? db.getById('campaign_stats', shardId) : undefined,
    ]);
    const o = opened(parsed.code, known, campaign, visitor, unknown);
    return shard !== undefined && !(o instanceof Refusal) ? { ...o, visitShard: shard !== null } : o;
  }
  const owner = await db.getById('campaign_codes', parsed.code);
  if (!owner) return unknown;
  const [campaign] = await campaignOf(owner.campaignId);
  if (codeMemo.size >= CODE_MEMO_CAP) codeMemo.clear();
  codeMemo.set(parsed.code, owner);
  return opened(parsed.code, owner, campaign, undefined, unknown);
}

function opened(
  code: string,
  owner: Stored<CampaignCodeDoc>,
  campaign: CampaignDocument | undefined,
  visitor: VisitorState | null | undefined,
  unknown: Refusal,
): Opened | Refusal {
  if (!campaign || campaign.status === 'draft') return unknown;
  return { code, owner, campaign, ...(visitor !== undefined ? { visitor } : {}) };
}

/**
 * The code documents this instance has opened. A code is issued once for one campaign and one
 * sharer (my-code.ts) and nothing but its image (qrFileId, which no visit reads) ever changes,
 * so a visit through a code seen before skips that read: one request fewer, and the campaign and
 * the visitor are read at once. The campaign itself is read on every visit (an admin may end it).
 */
const codeMemo = new Map<string, Stored<CampaignCodeDoc>>();

const CODE_MEMO_CAP = 10_000;

const LANDING_FIELDS = { title: true, summary: true, period: true, status: true, startAt: true, endAt: true, coupon: true, share: true };

export function consumer(caller: Caller): string | Refusal {
  return caller.openid ?? new Refusal('UNAUTHENTICATED', '请在微信中打开活动页面');
}
