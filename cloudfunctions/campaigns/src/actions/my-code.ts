import type { CampaignCodeDoc } from '@shared/campaigns';
import { campaignPhase } from '@shared/campaigns';
import { contracts } from '@shared/contracts';
import type { ShareKit } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { callerDealer } from '../../../_kit/caller';
import type { Db } from '../../../_kit/db';
import { defineAction } from '../../../_kit/router';
import { sdk } from '../../../_kit/sdk';
import { ensureCode } from '../../../_capabilities/campaign-codes';
import { LANDING_PAGE } from '../lib';
import { campaignFor } from '../visibility';

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
  const winner = await db.getById('campaign_codes', code);
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
