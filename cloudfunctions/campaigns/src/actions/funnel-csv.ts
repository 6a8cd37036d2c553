import { funnelToCsv } from '@shared/campaigns';
import { shanghaiDayKey } from '@shared/time';
import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';
import { funnelOf } from '../funnel-view';

export const funnelCsv = defineAction(contracts.campaigns.funnelCsv, ['admin', CONSOLE], async ({ campaignId }, ctx) => {
  const view = await funnelOf(ctx, campaignId);
  if (view instanceof Refusal) return view;
  return { filename: `funnel-${campaignId}-${shanghaiDayKey(ctx.now)}.csv`, csv: funnelToCsv(view.funnel) };
});
