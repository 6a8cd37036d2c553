import { campaignPhase } from '@shared/campaigns';
import { contracts } from '@shared/contracts';
import type { ContactWayOutput } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { defineAction } from '../../../_kit/router';
import { isDuplicateKey } from '../../../_kit/sdk';
import { WecomApiError } from '../api';
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

/**
 * The sharer's 「联系我」 code for a campaign, made once. The maker first claims the document
 * (an insert under an id derived from code and member, so of concurrent first requests one
 * wins and the others are told to try again shortly), then asks WeCom, then stores the answer.
 * A failed WeCom call releases the claim.
 */
export const contactWay = defineAction(
  contracts.wecom.contactWay,
  ['dealer', 'clerk'],
  async ({ campaignId }, { db, caller, now }): Promise<ContactWayOutput | Refusal> => {
    const cfg = wecomConfig();
    // The sharer cannot fix this; the message says whom to ask, and what is missing for the admin who reads it.
    if (!cfg.ok) return new Refusal('INTERNAL', `品牌还没有接入企业微信，请联系品牌管理员（缺少设置：${cfg.missing.join(', ')}）`);
    const user = caller.user;
    const [staff, codeDoc, campaign] = await Promise.all([
      db.findOne('wecom_staff', { clerkId: user._id, status: 'active' }),
      db.findOne('campaign_codes', { campaignId, clerkId: user._id }),
      db.getById('campaigns', campaignId),
    ]);
    if (!staff) return new Refusal('NOT_FOUND', '你的企业微信账号还没有登记，请联系品牌管理员登记后再试');
    if (!campaign || !codeDoc) return new Refusal('NOT_FOUND', '请先打开这个活动的分享页，生成你的分享码');
    if (campaignPhase(campaign, now) === 'over') return new Refusal('CONFLICT', '活动已结束，不能再生成企业微信二维码');

    const id = `cw:${codeDoc._id}:${staff._id}`;
    const claim: ContactWayDoc = {
      status: 'creating',
      at: now,
      campaignId,
      code: codeDoc._id,
      userId: staff._id,
      clerkId: user._id,
      configId: null,
      qrCode: null,
    };
    try {
      await db.add('wecom_contact_ways', { _id: id, ...claim });
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      const existing = await db.getById('wecom_contact_ways', id);
      if (existing?.status === 'ready') return ready(existing, false);
      // Another maker is at work (or just gave up): unless its claim is stale and this call takes it over, try again shortly.
      const takenOver =
        !!existing &&
        now - existing.at > STALE_CLAIM_MS &&
        (await db.updateWhere('wecom_contact_ways', { _id: id, status: 'creating', at: existing.at }, { at: now })) === 1;
      if (!takenOver) return new Refusal('CONFLICT', '二维码正在生成，请稍后再试');
    }
    try {
      const res = await apiFor(cfg.config, db).addContactWay([staff._id], codeDoc._id, [...campaign.title].slice(0, 30).join(''));
      const done: ContactWayDoc = { ...claim, status: 'ready', at: now, configId: res.config_id, qrCode: res.qr_code };
      await db.set('wecom_contact_ways', id, done);
      return ready(done, true);
    } catch (e) {
      await db.remove('wecom_contact_ways', id);
      if (e instanceof WecomApiError)
        return new Refusal('CONFLICT', `企业微信没有生成二维码（${e.errcode}）：请确认你的企业微信账号已开通客户联系，或联系管理员`);
      throw e;
    }
  },
);
