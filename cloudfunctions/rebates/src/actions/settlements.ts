import { contracts } from '@shared/contracts';
import type { SettlementView } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import { regionsOf } from '../../../_capabilities/region-scope';
import { defineAction } from '../../../_kit/router';
import { explain, policyVersions } from '../settlement';
import { readableText } from '@shared/rebates/readable';

export const settlements = defineAction(contracts.rebates.settlements, ['dealer', 'manager', 'admin', CONSOLE], async (input, ctx) => {
  const own = ctx.caller.user?.role === 'dealer' ? ctx.caller.user.dealerId : null;
  if (own && input.dealerId && input.dealerId !== own) return new Refusal('NOT_FOUND', '只能查看本经销商的返利结算');
  const dealerId = own ?? input.dealerId;
  if (!dealerId) return new Refusal('INVALID_INPUT', '请指定 dealerId');
  const dealer = await ctx.db.getById('dealers', dealerId);
  // A channel manager reads the settlements of their regions' dealers (from 洞察's dealer page) and of no other.
  const regions = regionsOf(ctx.caller);
  if (!dealer || (ctx.caller.user?.role === 'manager' && Array.isArray(regions) && !regions.includes(dealer.region)))
    return new Refusal('NOT_FOUND', '经销商不存在');
  const where: Record<string, unknown> = { dealerId };
  if (input.period) where['period'] = input.period;
  const docs = await ctx.db.find('rebate_settlements', where, { orderBy: [['settledAt', 'desc']], limit: 200 });
  const [versions, categories] = await Promise.all([
    policyVersions(
      ctx.db,
      docs.map((d) => d.record.policyDigest),
    ),
    ctx.db.find('categories', {}, { limit: 1000, fields: { name: true } }),
  ]);
  // Stored explanations name categories by id and periods by key: shown with names and labels.
  const names = new Map(categories.map((c) => [c._id, c.name]));
  const items: SettlementView[] = docs.map((d) => ({
    id: d._id,
    policyId: d.record.policyId,
    policyName: d.policyName,
    dealerId: d.record.dealerId,
    period: d.record.period,
    amount: d.record.amount,
    status: d.status,
    settledAt: d.record.settledAt,
    creditedAt: d.creditedAt,
    explanation: explain(d, versions).map((line) => readableText(line, names)),
  }));
  return { items };
});
