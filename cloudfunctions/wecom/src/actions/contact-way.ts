import { campaignPhase } from '@shared/campaigns';
import { contracts } from '@shared/contracts';
import type { ContactWayOutput } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import type { Db } from '../../../_kit/db';
import { defineAction } from '../../../_kit/router';
import { isDuplicateKey } from '../../../_kit/sdk';
import { WecomApiError } from '../api';
import type { WecomConfig } from '../config';
import { wecomConfig } from '../config';
import { apiFor } from '../work/runner';
import type { ContactWayDoc } from '@shared/documents';

/** A maker that has not finished after this long is taken to have died; another may take over. */
const STALE_CLAIM_MS = 30_000;

const ready = (d: ContactWayDoc, created: boolean): ContactWayOutput => ({
  campaignId: d.campaignId,
  code: d.code,
  userId: d.userId,
  qrCode: d.qrCode ?? '',
  configId: d.configId ?? '',
  created,
});

type Claim = { id: string; doc: ContactWayDoc };
type Sharer = { staffId: string; code: string; title: string };

/** Who asks, for which code: their WeCom member, their share code of the campaign, and the campaign still running. */
async function sharerOf(db: Db, campaignId: string, clerkId: string, now: number): Promise<Sharer | Refusal> {
  const [staff, codeDoc, campaign] = await Promise.all([
    db.findOne('wecom_staff', { clerkId, status: 'active' }),
    db.findOne('campaign_codes', { campaignId, clerkId }),
    db.getById('campaigns', campaignId),
  ]);
  if (!staff) return new Refusal('NOT_FOUND', '你的企业微信账号还没有登记，请联系品牌管理员登记后再试');
  if (!campaign || !codeDoc) return new Refusal('NOT_FOUND', '请先打开这个活动的分享页，生成你的分享码');
  if (campaignPhase(campaign, now) === 'over') return new Refusal('CONFLICT', '活动已结束，不能再生成企业微信二维码');
  return { staffId: staff._id, code: codeDoc._id, title: campaign.title };
}

/**
 * Claim the making of the code: an insert under an id derived from code and member, so of
 * concurrent first requests one wins. Answers the finished code when there is one, a refusal
 * when another maker is at work (unless its claim is stale and this call takes it over).
 */
async function claimMaking(db: Db, claim: Claim, now: number): Promise<ContactWayOutput | Refusal | null> {
  try {
    await db.add('wecom_contact_ways', { _id: claim.id, ...claim.doc });
    return null;
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
  }
  const existing = await db.getById('wecom_contact_ways', claim.id);
  if (existing?.status === 'ready') return ready(existing, false);
  const takenOver =
    !!existing &&
    now - existing.at > STALE_CLAIM_MS &&
    (await db.updateWhere('wecom_contact_ways', { _id: claim.id, status: 'creating', at: existing.at }, { at: now })) === 1;
  return takenOver ? null : new Refusal('CONFLICT', '二维码正在生成，请稍后再试');
}

/** Ask WeCom for the code (add_contact_way) and store it; a failed call releases the claim. */
async function make(db: Db, config: WecomConfig, claim: Claim, title: string, now: number): Promise<ContactWayOutput | Refusal> {
  try {
    const res = await apiFor(config, db).addContactWay([claim.doc.userId], claim.doc.code, [...title].slice(0, 30).join(''));
    const done: ContactWayDoc = { ...claim.doc, status: 'ready', at: now, configId: res.config_id, qrCode: res.qr_code };
    await db.set('wecom_contact_ways', claim.id, done);
    return ready(done, true);
  } catch (e) {
    await db.remove('wecom_contact_ways', claim.id);
    if (e instanceof WecomApiError)
      return new Refusal('CONFLICT', `企业微信没有生成二维码（${e.errcode}）：请确认你的企业微信账号已开通客户联系，或联系管理员`);
    throw e;
  }
}

/**
 * The sharer's 「联系我」 code for a campaign, made once: find the sharer, claim the making, ask
 * WeCom, store the answer.
 */
export const contactWay = defineAction(
  contracts.wecom.contactWay,
  ['dealer', 'clerk'],
  async ({ campaignId }, { db, caller, now }): Promise<ContactWayOutput | Refusal> => {
    const cfg = wecomConfig();
    // The sharer cannot fix this; the message says whom to ask, and what is missing for the admin who reads it.
    if (!cfg.ok) return new Refusal('INTERNAL', `品牌还没有接入企业微信，请联系品牌管理员（缺少设置：${cfg.missing.join(', ')}）`);
    const sharer = await sharerOf(db, campaignId, caller.user._id, now);
    if (sharer instanceof Refusal) return sharer;
    const doc: ContactWayDoc = {
      status: 'creating',
      at: now,
      campaignId,
      code: sharer.code,
      userId: sharer.staffId,
      clerkId: caller.user._id,
      configId: null,
      qrCode: null,
    };
    const claim = { id: `cw:${sharer.code}:${sharer.staffId}`, doc };
    const claimed = await claimMaking(db, claim, now);
    return claimed ?? make(db, cfg.config, claim, sharer.title, now);
  },
);
