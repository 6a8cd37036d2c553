import { COLLECTIONS } from '@shared/collections';
import { contracts } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { sdk } from '../../../_kit/sdk';
import { defineAction } from '../../../_kit/router';

/** First deployment: create every collection the functions use (existing ones are left alone). */
export const setup = defineAction(contracts.admin.setup, ['admin', CONSOLE], async () => {
  const created: string[] = [];
  const database = sdk().database();
  for (const name of COLLECTIONS) {
    try {
      await database.createCollection(name);
      created.push(name);
    } catch (e) {
      const text = String((e as { errMsg?: string; message?: string }).errMsg ?? (e as Error).message);
      if (!/exist/i.test(text)) throw e;
    }
  }
  return { created };
});
