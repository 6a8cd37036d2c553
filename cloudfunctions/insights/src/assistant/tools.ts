import { regionName } from '@shared/dealer';
import type { ToolRun } from '@shared/insights/ai/answer';
import { alertFacts, dealerFacts, healthFacts, trendFacts } from '@shared/insights/ai/facts';
import { TOOL_ARGS, type ToolName, type ToolResult, resolveRegion } from '@shared/insights/ai/tools';
import { trendLines, trendMonths } from '@shared/insights/trends';
import { shanghaiMonthKey, shiftMonthKey } from '@shared/time/keys';
import type { Db } from '../../../_kit/db';
import { healthOf, monthlyRows, namesOf } from '../views';

/** Who is asking: the regions they look after ('all' for admins), and the clock of the invocation. */
export interface ToolScope {
  regions: 'all' | string[];
  now: number;
}

export const scopeName = (regions: 'all' | string[]) => (regions === 'all' ? '全部区域' : regions.map(regionName).join('、') || '无负责区域');

/** The asked region when the scope covers it, else nothing; no region asked: the whole scope. */
const within = (scope: ToolScope, asked: string | undefined): 'all' | string[] =>
  asked === undefined ? scope.regions : scope.regions === 'all' || scope.regions.includes(asked) ? [asked] : [];
const empty = (regions: 'all' | string[]) => regions !== 'all' && regions.length === 0;
const outside: ToolResult = { facts: ['该区域不在你的负责范围内，没有可查的数据'], data: null };

/** Each tool: the same loaders as the 洞察 read actions (views.ts), scoped to the asker's regions. */
const RUNNERS: { [N in ToolName]: (db: Db, scope: ToolScope, args: Record<string, unknown>) => Promise<ToolResult> } = {
  async query_trends(db, scope, args) {
    const regions = within(scope, args['region'] as string | undefined);
    if (empty(regions)) return outside;
    const month = shiftMonthKey(shanghaiMonthKey(scope.now), -1);
    const by = (args['by'] as 'region' | 'category' | 'sku' | undefined) ?? 'category';
    const rows = await monthlyRows(db, trendMonths(month), regions);
    const { total, lines } = trendLines(rows, month, (r) => (by === 'region' ? r.region : by === 'category' ? r.categoryId : r.sku));
    const names =
      by === 'region'
        ? null
        : await namesOf(
            db,
            by === 'category' ? 'categories' : 'products',
            lines.slice(0, 3).map((l) => l.key),
          );
    const labelled = lines.slice(0, 3).map((l) => ({ ...l, label: names ? (names.get(l.key) ?? l.key) : regionName(l.key) }));
    const pick = (l: typeof total, label: string) => ({ label, amount: l.amount, qty: l.qty[12], mom: l.mom, yoy: l.yoy });
    return {
      facts: trendFacts(scopeName(regions), month, { ...total, label: '' }, labelled),
      data: { month, total: pick(total, '合计'), top: labelled.map((l) => pick(l, l.label)) },
    };
  },
  async query_alerts(db, scope, args) {
    const regions = within(scope, args['region'] as string | undefined);
    if (empty(regions)) return outside;
    const status = (args['status'] as 'open' | 'handled' | undefined) ?? 'open';
    const docs = await db.find('insight_alerts', { status }, { orderBy: [['raisedAt', 'desc']], limit: 200 });
    const mine = regions === 'all' ? docs : docs.filter((a) => regions.includes(a.region));
    return {
      facts: alertFacts(scopeName(regions), status, mine),
      data: mine.slice(0, 10).map((a) => ({ kind: a.kind, region: a.region, title: a.title, expected: a.expected, actual: a.actual })),
    };
  },
  async query_health(db, scope, args) {
    const regions = within(scope, args['region'] as string | undefined);
    if (empty(regions)) return outside;
    const flag = args['flag'] as 'churn' | 'growth' | undefined;
    const scored = await healthOf(db, regions, scope.now);
    const kept = flag === 'churn' ? scored.filter((h) => h.churnRisk) : flag === 'growth' ? scored.filter((h) => h.growthRoom) : scored;
    return {
      facts: healthFacts(scopeName(regions), kept),
      data: kept.slice(0, 10).map((h) => ({ dealer: h.dealerName, score: h.score, churnRisk: h.churnRisk, growthRoom: h.growthRoom })),
    };
  },
  async query_dealer(db, scope, args) {
    const name = String(args['dealer']);
    const dealers = await db.findAll('dealers', scope.regions === 'all' ? {} : { region: db.command['in']!(scope.regions) });
    const dealer = dealers.find((d) => d.name === name) ?? dealers.find((d) => d.name.includes(name));
    if (!dealer) return { facts: [`你负责的区域里没有名为「${name}」的经销商`], data: null };
    const months = Array.from({ length: 12 }, (_, i) => shiftMonthKey(shanghaiMonthKey(scope.now), i - 11));
    const [rows, peers, alerts] = await Promise.all([
      monthlyRows(db, months, [dealer.region]),
      healthOf(db, [dealer.region], scope.now),
      db.find('insight_alerts', { status: 'open' }, { orderBy: [['raisedAt', 'desc']], limit: 200 }),
    ]);
    const amounts = months.map((m) => rows.filter((r) => r.dealerId === dealer._id && r.month === m).reduce((s, r) => s + r.amount, 0));
    const health = peers.find((h) => h.dealerId === dealer._id) ?? null;
    const open = alerts.filter((a) => a.dealerId === dealer._id);
    return {
      facts: dealerFacts(dealer.name, months, amounts, health, open),
      data: { dealer: dealer.name, region: dealer.region, months, amounts, score: health?.score ?? null },
    };
  },
};

/**
 * Run one tool call as the model asked it: arguments validated (a malformed call answers an error
 * the model can read, nothing runs), regions resolved to codes. Answers the run, or null when invalid.
 */
export async function runTool(db: Db, scope: ToolScope, name: ToolName, raw: unknown): Promise<ToolRun | { error: string }> {
  const parsed = TOOL_ARGS[name].safeParse(raw);
  if (!parsed.success) return { error: `参数不正确：${parsed.error.issues.map((i) => `${i.path.join('.') || '参数'} ${i.message}`).join('；')}` };
  const args: Record<string, unknown> = { ...parsed.data };
  if (typeof args['region'] === 'string') args['region'] = resolveRegion(args['region']);
  return { tool: name, args, result: await RUNNERS[name](db, scope, args) };
}
