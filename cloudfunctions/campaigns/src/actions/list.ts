import { visibleTo } from '@shared/campaigns';
import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import { callerDealer } from '../../../_kit/caller';
import type { AuthedCaller, HandlerContext } from '../../../_kit/router';
import { defineAction } from '../../../_kit/router';
import type { CampaignDocument } from '../lib';
import { toSummary } from '../lib';
import { isBrandStaff } from '../visibility';

export const list = defineAction(contracts.campaigns.list, ['dealer', 'clerk', 'manager', 'admin', CONSOLE], async (_input, ctx) => {
  const { db, caller, now } = ctx;
  const _ = db.command;
  let docs: CampaignDocument[];
  if (isBrandStaff(caller)) {
    const where = caller.console || caller.user?.role === 'admin' ? {} : { status: _['in']!(['published', 'ended']) };
    docs = await db.find('campaigns', where, { orderBy: [['startAt', 'desc']], limit: 200 });
  } else {
    const dealer = await callerDealer(ctx as HandlerContext<AuthedCaller>);
    if (dealer instanceof Refusal) return dealer;
    docs = (await db.find('campaigns', { status: _['in']!(['published', 'ended']) }, { orderBy: [['startAt', 'desc']], limit: 200 })).filter((c) =>
      visibleTo(c, dealer),
    );
  }
  // Running first, then upcoming, then over; newest first within each.
  const rank = { running: 0, scheduled: 1, draft: 2, over: 3 } as const;
  const items = docs.map((c) => toSummary(c, now)).sort((a, b) => rank[a.phase] - rank[b.phase]);
  return { items };
});
