import { contracts } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';
import { processQueueNow } from '../queue-run';

/** Run due WeCom work now (console / admin); the timer trigger of the same name does this every minute. */
export const processQueue = defineAction(contracts.wecom.processQueue, ['admin', CONSOLE], async ({ limit = 100, requeueDead = false }, { db }) =>
  processQueueNow(db, limit, requeueDead),
);
