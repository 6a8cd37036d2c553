import type { CampaignCodeDoc, CampaignDoc } from '@shared/campaigns';
import { campaignPhase, deriveCode, visibleTo } from '@shared/campaigns';
import { contracts } from '@shared/contracts';
import type { ShareKit } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import type { DealerDoc } from '@shared/models';
import { CONSOLE } from '@shared/roles';
import { callerDealer } from '../../../_kit/caller';
import type { Db, Stored } from '../../../_kit/db';
import type { AuthedCaller, Caller, HandlerContext } from '../../../_kit/router';
import { defineAction } from '../../../_kit/router';
import { isDuplicateKey, sdk } from '../../../_kit/sdk';
import type { CampaignDocument } from '../lib';
import { LANDING_PAGE, toDetail, toSummary } from '../lib';

const isBrandStaff = (caller: Caller) => caller.console || caller.user?.role === 'admin' || caller.user?.role === 'manager';

/**
 * A campaign as the caller may see it: brand staff see every campaign (managers not drafts);
 * dealers and clerks only published ones visible to their dealer's level and region.
 */
async function campaignFor(db: Db, caller: Caller, id: string, dealer: Stored<DealerDoc> | null): Promise<CampaignDocument | Refusal> {
  const c = await db.getById<CampaignDoc>('campaigns', id);
  const missing = new Refusal('NOT_FOUND', '活动不存在或未对你开放');
  if (!c) return missing;
  if (caller.console || caller.user?.role === 'admin') return c;
  if (c.status === 'draft') return missing;
  if (caller.user?.role === 'manager') return c;
  if (!dealer || !visibleTo(c, dealer)) return missing;
  return c;
}

export const list = defineAction(contracts.campaigns.list, ['dealer', 'clerk', 'manager', 'admin', CONSOLE], async (_input, ctx) => {
  const { db, caller, now } = ctx;
  const _ = db.command;
  let docs: CampaignDocument[];
  if (isBrandStaff(caller)) {
    const where = caller.console || caller.user?.role === 'admin' ? {} : { status: _['in']!(['published', 'ended']) };
    docs = await db.find<CampaignDoc>('campaigns', where, { orderBy: [['startAt', 'desc']], limit: 200 });
  } else {
    const dealer = await callerDealer(ctx as HandlerContext<AuthedCaller>);
    if (dealer instanceof Refusal) return dealer;
    docs = (await db.find<CampaignDoc>('campaigns', { status: _['in']!(['published', 'ended']) }, { orderBy: [['startAt', 'desc']], limit: 200 })).filter((c) => visibleTo(c, dealer));
  }
  // Running first, then upcoming, then over; newest first within each.
  const rank = { running: 0, scheduled: 1, draft: 2, over: 3 } as const;
  const items = docs.map((c) => toSummary(c, now)).sort((a, b) => rank[a.phase] - rank[b.phase]);
  return { items };
});

/**
 * The campaign as `get` shows it to this caller: the same visibility for every action that reads
 * one campaign (get, funnel), and whether its cost may be shown (brand staff only).
 */
export async function visibleCampaign(ctx: HandlerContext, campaignId: string): Promise<{ campaign: CampaignDocument; showCost: boolean } | Refusal> {
  const { db, caller } = ctx;
  let dealer: Stored<DealerDoc> | null = null;
  if (!isBrandStaff(caller)) {
    const d = await callerDealer(ctx as HandlerContext<AuthedCaller>);
    if (d instanceof Refusal) return d;
    dealer = d;
  }
  const c = await campaignFor(db, caller, campaignId, dealer);
  if (c instanceof Refusal) return c;
  return { campaign: c, showCost: isBrandStaff(caller) };
}

export const get = defineAction(contracts.campaigns.get, ['dealer', 'clerk', 'manager', 'admin', CONSOLE], async ({ campaignId }, ctx) => {
  const seen = await visibleCampaign(ctx, campaignId);
  if (seen instanceof Refusal) return seen;
  return toDetail(seen.campaign, ctx.now, seen.showCost);
});

/** Candidate codes tried before giving up: a 45-bit collision is already a one-in-trillions event. */
const MAX_ATTEMPTS = 5;

/**
 * The sharer's code for the campaign, created once. The id is derived from campaign + sharer, so
 * two concurrent first requests insert the same _id: one wins, the other reads the winner's.
 */
async function ensureCode(db: Db, seed: Omit<CampaignCodeDoc, 'qrFileId' | 'createdAt'>, now: number): Promise<{ code: string; doc: CampaignCodeDoc; created: boolean }> {
  const ours = (d: CampaignCodeDoc | null) => !!d && d.campaignId === seed.campaignId && d.clerkId === seed.clerkId;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const code = deriveCode(seed.campaignId, seed.clerkId, attempt);
    const existing = await db.getById<CampaignCodeDoc>('campaign_codes', code);
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
      const winner = await db.getById<CampaignCodeDoc>('campaign_codes', code);
      if (ours(winner)) return { code, doc: winner!, created: false };
    }
  }
  throw new Error(`no free campaign code for ${seed.campaignId}/${seed.clerkId} after ${MAX_ATTEMPTS} attempts`);
}

/**
 * The mini-program code image of a code: made once with wxacode.getUnlimited (scene = the code,
 * page = the landing page) and kept in cloud storage. Each maker uploads to its own path and
 * then claims the code document only while it has no image (a conditional update), so of two
 * concurrent first requests one image is kept and the other maker deletes its own and uses it.
 */
async function ensureQr(db: Db, campaignId: string, code: string, doc: CampaignCodeDoc, requestId: string): Promise<string> {
  if (doc.qrFileId) return doc.qrFileId;
  const cloud = sdk();
  const res = (await cloud.openapi['wxacode']!['getUnlimited']!({ scene: code, page: LANDING_PAGE, checkPath: false, width: 430 })) as { buffer?: Buffer };
  if (!res.buffer) throw new Error(`wxacode.getUnlimited gave no image for ${code}`);
  const cloudPath = `campaign-codes/${campaignId}/${code}-${requestId.replace(/[^A-Za-z0-9_-]/g, '')}.png`;
  const { fileID } = await cloud.uploadFile({ cloudPath, fileContent: Buffer.from(res.buffer) });
  if ((await db.updateWhere('campaign_codes', { _id: code, qrFileId: null }, { qrFileId: fileID })) === 1) return fileID;
  const winner = await db.getById<CampaignCodeDoc>('campaign_codes', code);
  if (!winner?.qrFileId) throw new Error(`campaign code ${code} lost its image claim but has no image`);
  await (cloud as unknown as { deleteFile(o: { fileList: string[] }): Promise<unknown> }).deleteFile({ fileList: [fileID] });
  return winner.qrFileId;
}

export const myCode = defineAction(contracts.campaigns.myCode, ['dealer', 'clerk'], async ({ campaignId }, ctx): Promise<ShareKit | Refusal> => {
  const { db, caller, now } = ctx;
  const dealer = await callerDealer(ctx);
  if (dealer instanceof Refusal) return dealer;
  const c = await campaignFor(db, caller, campaignId, dealer);
  if (c instanceof Refusal) return c;
  if (campaignPhase(c, now) === 'over') return new Refusal('CONFLICT', '活动已结束，不能再分享');
  const user = caller.user;
  const { code, doc, created } = await ensureCode(
    db,
    {
      campaignId,
      dealerId: dealer._id,
      clerkId: user._id,
      sharerOpenid: user.openid,
      sharerRole: user.role === 'dealer' ? 'dealer' : 'clerk',
      sharerName: user.name,
      dealerName: dealer.name,
      dealerRegion: dealer.region,
    },
    now,
  );
  const qrFileId = await ensureQr(db, campaignId, code, doc, ctx.requestId);
  const urls = await sdk().getTempFileURL({ fileList: [{ fileID: qrFileId, maxAge: 7200 }] });
  return {
    campaignId,
    code,
    qrFileId,
    qrUrl: urls.fileList[0]?.tempFileURL ?? '',
    landingPage: LANDING_PAGE,
    sharerName: user.name,
    dealerName: dealer.name,
    created,
  };
});
