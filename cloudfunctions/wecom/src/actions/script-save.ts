import crypto from 'node:crypto';
import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import type { ScriptDoc } from '@shared/wecom/push-docs';
import { audit } from '../../../_kit/audit';
import { defineAction } from '../../../_kit/router';

/** HQ adds or edits a 话术 (audited); its use count is kept across edits. */
export const scriptSave = defineAction(contracts.wecom.scriptSave, ['admin', CONSOLE], async (input, { db, now, caller }) => {
  if (!(await db.getById('campaigns', input.campaignId))) return new Refusal('NOT_FOUND', `没有活动 ${input.campaignId}`);
  const scriptId = input.scriptId ?? `sc-${crypto.randomBytes(6).toString('hex')}`;
  return db.transaction(async (tx) => {
    const before = await tx.get('wecom_scripts', scriptId);
    if (input.scriptId && !before) return new Refusal('NOT_FOUND', '没有这条话术');
    const doc: ScriptDoc = {
      campaignId: input.campaignId,
      title: input.title,
      text: input.text,
      images: input.images ?? before?.images ?? [],
      status: input.archived ? 'archived' : 'active',
      uses: before?.uses ?? 0,
      updatedAt: now,
      updatedBy: caller.actorId,
    };
    await tx.set('wecom_scripts', scriptId, doc);
    await audit(tx, { action: 'wecom.scriptSave', target: { coll: 'wecom_scripts', id: scriptId }, actorId: caller.actorId, at: now, before, after: doc });
    return { scriptId, created: !before };
  });
});
