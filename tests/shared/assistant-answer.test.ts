import { type ToolRun, sourcesOf, templateBrief, ungroundedNumbers } from '../../shared/insights/ai/answer';
import { TOOL_ARGS, modelTools, resolveRegion } from '../../shared/insights/ai/tools';

/** The 问渠道 assistant's pure rules: which figures an answer may say, where they came from, the template brief. */
const run = (facts: string[], args: Record<string, unknown> = {}, tool: ToolRun['tool'] = 'query_trends'): ToolRun => ({
  tool,
  args,
  result: { facts, data: { total: 1234567 } },
});

describe('the figure check', () => {
  const runs = [run(['华东大区合计：2026-10 销售额 ¥255570，销量 60210 件，环比 -67%'])];

  it('passes an answer whose every number a tool returned, however it is written (thousands separators, signs, list markers)', () => {
    expect(ungroundedNumbers('1. 华东 2026-10 销售额 ¥255,570，销量 60210 件，环比下降 67%。\n2. 数据合计 1,234,567。', runs)).toEqual([]);
  });

  it('names every number no tool returned', () => {
    expect(ungroundedNumbers('预计下月销量将增长 37%，约 65000 件；环比 -67%。', runs)).toEqual(['37', '65000']);
  });
});

describe('sources', () => {
  it('say which tool ran with which filters, in words, once each, the asker’s scope when no region was asked', () => {
    const runs = [
      run([], { region: 'east', by: 'sku' }),
      run([], { region: 'east', by: 'sku' }),
      run([], { status: 'open' }, 'query_alerts'),
      run([], { dealer: '恒泰' }, 'query_dealer'),
    ];
    expect(sourcesOf(runs, '华东大区、华南大区')).toEqual([
      { tool: 'query_trends', label: '销售趋势', filters: ['区域：华东大区', '分组：商品'] },
      { tool: 'query_alerts', label: '异常预警', filters: ['区域：华东大区、华南大区', '状态：未处理'] },
      { tool: 'query_dealer', label: '经销商数据', filters: ['经销商：恒泰'] },
    ]);
  });
});

describe('the template brief', () => {
  it('is the heading and every fact as a bullet line, or says there is no data', () => {
    expect(templateBrief('简报', [run(['甲 1 件', '乙 2 件']), run(['丙 3 件'], {}, 'query_alerts')])).toBe('简报\n• 甲 1 件\n• 乙 2 件\n• 丙 3 件');
    expect(templateBrief('简报', [])).toBe('简报\n• 暂无数据');
  });
});

describe('tools', () => {
  it('read a region as a model writes it', () => {
    expect(['east', '华东', '华东大区', ' 西南 '].map(resolveRegion)).toEqual(['east', 'east', 'east', 'west']);
    expect(resolveRegion(undefined)).toBeUndefined();
  });

  it('are shown to the model as JSON Schema that refuses what zod refuses', () => {
    const trends = modelTools().find((t) => t.function.name === 'query_trends')!.function.parameters as { additionalProperties?: boolean; properties: object };
    expect(trends.additionalProperties).toBe(false);
    expect(Object.keys(trends.properties)).toEqual(['region', 'by']);
    expect(TOOL_ARGS.query_trends.safeParse({ region: 'east', sql: 'drop' }).success).toBe(false);
    expect(TOOL_ARGS.query_dealer.safeParse({ dealer: '' }).success).toBe(false);
  });
});
