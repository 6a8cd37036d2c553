import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { defineAction } from '../../../_kit/router';

/** A clerk copied a script: counted (an atomic increment, so concurrent copies all count). */
export const scriptUse = defineAction(contracts.wecom.scriptUse, ['clerk', 'dealer'], async ({ scriptId }, { db }) => {
  const n = await db.updateWhere('wecom_scripts', { _id: scriptId, status: 'active' }, { uses: db.command['inc']!(1) });
  if (n === 0) return new Refusal('NOT_FOUND', '这条话术已下架');
  const doc = await db.getById('wecom_scripts', scriptId);
  return { uses: doc?.uses ?? 0 };
});
