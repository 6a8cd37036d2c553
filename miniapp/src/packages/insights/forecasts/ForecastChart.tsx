import type { ForecastView } from '@shared/contracts/insights';
import { monthLabel } from '../api';
import { Chart } from '../components/Chart';

const round = (x: number) => Math.round(x);

/**
 * The last 12 months and the 3 ahead: the 95 % band light, the 80 % band darker, drawn as four
 * opaque areas over one another (upper 95, upper 80, lower 80 in the light colour, lower 95 in
 * white), the history and the forecast mean as lines.
 */
export function ForecastChart({ f }: { f: ForecastView }) {
  const gap = f.history.slice(0, -1).map(() => null);
  const last = f.history[f.history.length - 1]!;
  const band = (xs: number[]) => [...gap, last, ...xs.map(round)];
  const series = [
    { name: '95% 区间', type: 'area' as const, color: '#d6e2ff', data: band(f.upper95) },
    { name: '80% 区间', type: 'area' as const, color: '#a9c1ff', data: band(f.upper80) },
    { name: '', type: 'area' as const, color: '#d6e2ff', data: band(f.lower80), show: true, legendShape: 'none' },
    { name: '', type: 'area' as const, color: '#ffffff', data: band(f.lower95), legendShape: 'none' },
    { name: '实际', type: 'line' as const, color: '#1f2329', data: [...f.history, null, null, null] },
    { name: '预测', type: 'line' as const, color: '#1d4fd8', lineType: 'dash' as const, data: [...gap, last, ...f.mean.map(round)] },
  ];
  return (
    <Chart
      id={`forecast-chart`}
      type="mix"
      height={220}
      label={`${f.regionName} ${f.label}：近 12 个月与未来 3 个月的预测销量（件），带 80% 与 95% 区间，数字见下表`}
      categories={[...f.months, ...f.ahead].map(monthLabel)}
      series={series}
      extra={{ mix: { area: { opacity: 1, gradient: false } }, area: { opacity: 1 } }}
    />
  );
}
