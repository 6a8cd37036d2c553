import fc from 'fast-check';
import type { FunnelInputRow } from '../../../shared/campaigns';
import { buildFunnel, formatRate, funnelToCsv, rateBp, roiBp } from '../../../shared/campaigns';

const row = (over: Partial<FunnelInputRow>): FunnelInputRow => ({
  dealerId: 'd1',
  dealerName: '甲',
  dealerRegion: 'east',
  clerkId: 'c1',
  clerkName: '张',
  code: 'Q1',
  visits: 0,
  uniqueVisitors: 0,
  leads: 0,
  redemptions: 0,
  sales: 0,
  ...over,
});

const rowArb = fc.record({
  dealerId: fc.constantFrom('d1', 'd2', 'd3'),
  code: fc.constantFrom('Q1', 'Q2', 'Q3', 'Q4', 'Q5'),
  visits: fc.nat(500),
  uniqueVisitors: fc.nat(300),
  leads: fc.nat(100),
  redemptions: fc.nat(50),
  sales: fc.nat(10_000_000),
});

describe('the campaign funnel', () => {
  it('folds daily rows into one row per sharer and per dealer whose sums equal the totals', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 60 }), fc.nat(100_000_000), (raw, cost) => {
        // A code always belongs to one dealer.
        const rows = raw.map((r) => row({ ...r, dealerId: `d${r.code.slice(1)}`, clerkId: `c${r.code}` }));
        const f = buildFunnel(rows, cost, true);
        const sum = (k: 'visits' | 'uniqueVisitors' | 'leads' | 'redemptions' | 'sales', xs: Array<Record<string, number | unknown>>) =>
          xs.reduce((n, x) => n + (x[k] as number), 0);
        for (const k of ['visits', 'uniqueVisitors', 'leads', 'redemptions', 'sales'] as const) {
          expect(f.totals[k]).toBe(sum(k, rows as never));
          expect(sum(k, f.bySharer as never)).toBe(f.totals[k]);
          expect(sum(k, f.byDealer as never)).toBe(f.totals[k]);
        }
        expect(new Set(f.bySharer.map((s) => s.code)).size).toBe(f.bySharer.length);
        expect(f.byDealer.reduce((n, d) => n + d.sharers, 0)).toBe(f.bySharer.length);
      }),
    );
  });

  it('states rates in basis points rounded half up, null when the base is 0', () => {
    expect(rateBp(1, 3)).toBe(3333);
    expect(rateBp(2, 3)).toBe(6667);
    expect(rateBp(1, 8)).toBe(1250);
    expect(rateBp(5, 0)).toBeNull();
    const f = buildFunnel([row({ visits: 10, uniqueVisitors: 8, leads: 3, redemptions: 1, sales: 9900 })], 0, true);
    expect(f.totals).toMatchObject({ leadRate: 3750, redemptionRate: 3333, roi: null });
  });

  it('gives ROI for the whole campaign only: (sales − cost) / cost', () => {
    expect(roiBp(15000, 10000)).toBe(5000);
    expect(roiBp(5000, 10000)).toBe(-5000);
    expect(roiBp(1, 0)).toBeNull();
    const rows = [row({ sales: 30000, leads: 1, redemptions: 1 })];
    expect(buildFunnel(rows, 20000, true).totals.roi).toBe(5000);
    expect(buildFunnel(rows, 20000, false).totals.roi).toBeNull();
  });

  it('formats rates as percentages with one decimal', () => {
    expect(formatRate(3333)).toBe('33.3%');
    expect(formatRate(10000)).toBe('100.0%');
    expect(formatRate(-5000)).toBe('-50.0%');
    expect(formatRate(null)).toBe('—');
  });

  it('writes CSV with a BOM, CRLF, one line per sharer and a 合计 line, quoting names and disarming formulas', () => {
    const f = buildFunnel(
      [row({ code: 'Q1', clerkName: '=HYPERLINK("x")', dealerName: '甲,乙', visits: 3, uniqueVisitors: 2, leads: 1, sales: 12345 })],
      10000,
      true,
    );
    const csv = funnelToCsv(f);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toBe(`d1,"甲,乙",c1,"'=HYPERLINK(""x"")",Q1,3,2,1,0,123.45,50.0%,0.0%`);
    expect(lines[2]).toBe(',合计,,,,3,2,1,0,123.45,50.0%,0.0%');
    expect(lines[4]).toBe(',投资回报率,,,,,,,,23.5%,,');
  });
});
