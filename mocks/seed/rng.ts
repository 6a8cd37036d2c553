/**
 * A small seeded pseudo-random generator for the demo data: the same seed gives the same
 * sequence on every machine and every Node version (mulberry32: 32-bit state, integer
 * arithmetic only). The seeder never calls Math.random.
 */
export class Rng {
  private state: number;
  private readonly initial: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
    this.initial = this.state;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both ends included. */
  int(min: number, max: number): number {
    if (max < min) throw new Error(`rng.int: empty range ${min}..${max}`);
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('rng.pick: no items');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** One item, each with probability proportional to its weight (weights ≥ 0, not all 0). */
  weighted<T>(items: readonly T[], weight: (item: T) => number): T {
    let total = 0;
    for (const it of items) total += Math.max(0, weight(it));
    if (!(total > 0)) throw new Error('rng.weighted: all weights are zero');
    let r = this.next() * total;
    for (const it of items) {
      r -= Math.max(0, weight(it));
      if (r < 0) return it;
    }
    return items[items.length - 1] as T;
  }

  /** A shuffled copy (Fisher–Yates); the input is not changed. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = out[i] as T;
      out[i] = out[j] as T;
      out[j] = tmp;
    }
    return out;
  }

  /** `n` distinct items in random order (all of them when n ≥ length). */
  sample<T>(items: readonly T[], n: number): T[] {
    return this.shuffle(items).slice(0, Math.max(0, n));
  }

  /** Roughly normal (sum of four uniforms, Irwin–Hall): mean, standard deviation. */
  normal(mean = 0, sd = 1): number {
    const s = this.next() + this.next() + this.next() + this.next();
    // Four U(0,1) have mean 2 and variance 4/12.
    return mean + ((s - 2) / Math.sqrt(4 / 12)) * sd;
  }

  /** Positive and right-skewed, median `median`: for sizes that vary by multiples. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(this.normal(0, sigma));
  }

  /** A number of events with the given mean (Knuth; fine for the small means used here). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** A child generator whose sequence depends only on this seed and the label, not on call order. */
  fork(label: string): Rng {
    let h = this.seedOf(label);
    h = Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0;
    return new Rng(h);
  }

  private seedOf(label: string): number {
    // FNV-1a over the label, mixed with the initial state.
    let h = 0x811c9dc5 ^ this.initial;
    for (let i = 0; i < label.length; i++) {
      h ^= label.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }
}
