import { contracts } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';
import { funnelOf } from '../funnel-view';

export const funnel = defineAction(contracts.campaigns.funnel, ['dealer', 'clerk', 'manager', 'admin', CONSOLE], async ({ campaignId }, ctx) =>
  funnelOf(ctx, campaignId),
);
