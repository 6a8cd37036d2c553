import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { forecast, mase, seasonalNaive } from '../../../shared/insights/forecast';

interface ClassicSeries {
  name: string;
  frequency: number;
  h: number;
  values: number[];
  reference: { mase: { snaive: number; ets: number } };
}
/** Four classic public series with R forecast 8.20's scores on their last year held out. */
const classic = (JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../shared/data/forecast-classic.json'), 'utf8')) as { series: ClassicSeries[] })
  .series;
const geomean = (xs: number[]) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);

function holdOut(s: ClassicSeries) {
  const train = s.values.slice(0, -s.h);
  const test = s.values.slice(-s.h);
  const f = forecast(train, s.frequency, s.h);
  return { train, test, f, score: mase(train, test, f.mean, s.frequency) };
}

describe('the insights forecaster', () => {
  const results = classic.map((s) => ({ s, ...holdOut(s) }));

  it('beats seasonal naive on every classic series, as R scores it', () => {
    for (const { s, score } of results) expect({ name: s.name, better: score < s.reference.mase.snaive }).toEqual({ name: s.name, better: true });
  });

  it('scores a geometric-mean MASE no worse than R ets on the classic series', () => {
    expect(geomean(results.map((r) => r.score))).toBeLessThanOrEqual(geomean(classic.map((s) => s.reference.mase.ets)));
  });

  it('computes MASE as R does: seasonal naive on the held-out year scores R snaive', () => {
    for (const s of classic) {
      const train = s.values.slice(0, -s.h);
      expect(mase(train, s.values.slice(-s.h), seasonalNaive(train, s.frequency, s.h), s.frequency)).toBeCloseTo(s.reference.mase.snaive, 3);
    }
  });

  it('gives 80 % intervals inside 95 % ones, both around the mean and widening with the horizon', () => {
    for (const { f } of results) {
      f.mean.forEach((m, i) => {
        expect(f.lower95[i]!).toBeLessThanOrEqual(f.lower80[i]!);
        expect(f.lower80[i]!).toBeLessThan(m);
        expect(f.upper80[i]!).toBeGreaterThan(m);
        expect(f.upper95[i]!).toBeGreaterThanOrEqual(f.upper80[i]!);
      });
      // Relative to the mean: multiplicative models' intervals follow the season's level.
      const relativeWidth = (i: number) => (f.upper95[i]! - f.lower95[i]!) / f.mean[i]!;
      expect(relativeWidth(f.mean.length - 1)).toBeGreaterThan(relativeWidth(0));
    }
  });

  it('forecasts a sparse SKU with TSB, never below zero, and towards zero once orders stop', () => {
    const sparse = [0, 3, 0, 0, 2, 0, 0, 0, 4, 0, 1, 0, 0, 3, 0, 0, 2, 0];
    const f = forecast(sparse, 12, 3);
    expect(f.method).toBe('TSB');
    expect(Math.min(...f.lower95)).toBeGreaterThanOrEqual(0);
    const stopped = forecast([...sparse, 0, 0, 0, 0, 0, 0], 12, 3);
    expect(stopped.mean[0]!).toBeLessThan(f.mean[0]!);
  });

  it('falls back to the last value on a series too short for any model', () => {
    const f = forecast([12, 15], 12, 2);
    expect(f.method).toBe('naive');
    expect(f.mean).toEqual([15, 15]);
  });
});

describe('npm run insights -- forecast', () => {
  // Each case starts tsx in a new process: seconds on a loaded machine before the forecast starts.
  jest.setTimeout(30_000);
  const run = promisify(execFile);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'insights-cli-'));
  const cli = (file: string) =>
    run(process.execPath, [require.resolve('tsx/cli'), 'scripts/insights/cli.ts', 'forecast', '--input', file], { cwd: path.join(__dirname, '../../..') });

  it('forecasts a file it has never seen and prints the forecasts as its last line', async () => {
    const file = path.join(dir, 'series.json');
    const values = Array.from({ length: 40 }, (_, i) => 100 + 2 * i + (i % 4) * 10);
    fs.writeFileSync(file, JSON.stringify({ series: [{ name: '华东·饮料', frequency: 4, values, h: 5 }] }));
    const { stdout } = await cli(file);
    const last = JSON.parse(stdout.trim().split('\n').at(-1)!) as { forecasts: Array<Record<string, unknown>> };
    expect(last.forecasts).toHaveLength(1);
    expect(Object.keys(last.forecasts[0]!).sort()).toEqual(['lower80', 'mean', 'name', 'upper80']);
    expect(last.forecasts[0]!.name).toBe('华东·饮料');
    expect(last.forecasts[0]!.mean).toHaveLength(5);
  });

  it('refuses a malformed file with a stable code and no forecast', async () => {
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(file, JSON.stringify({ series: [{ name: 'x', frequency: 12, values: [1, 'a'], h: 3 }] }));
    await expect(cli(file)).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('INPUT_INVALID') as unknown, stdout: '' });
  });
});
