/**
 * Nelder–Mead simplex minimisation over an unconstrained vector (callers map bounded parameters
 * through a logistic). Kept here rather than taken from npm: the small JS optimisers there are
 * unmaintained, and the forecaster calls this thousands of times a night, so it works in place
 * on typed arrays without allocating per step.
 */
export function nelderMead(f: (x: Float64Array) => number, start: ArrayLike<number>, options: { maxEvals?: number; step?: number; tol?: number } = {}) {
  const n = start.length;
  const maxEvals = options.maxEvals ?? 200 * n;
  const step = options.step ?? 0.5;
  const tol = options.tol ?? 1e-7;
  // Vertices in a (n+1)×n matrix, kept sorted by value through `order`.
  const simplex = Array.from({ length: n + 1 }, (_, i) => {
    const p = Float64Array.from(start);
    if (i > 0) p[i - 1] = p[i - 1]! + step;
    return p;
  });
  const values = Float64Array.from(simplex, (p) => f(p));
  let evals = n + 1;
  const order = Array.from({ length: n + 1 }, (_, i) => i);
  const centroid = new Float64Array(n);
  const reflected = new Float64Array(n);
  const trial = new Float64Array(n);
  const at = (i: number) => simplex[i]!;
  const value = (i: number) => values[i]!;
  while (evals < maxEvals) {
    // Insertion sort: the order changes by one vertex a step, and n is small.
    for (let i = 1; i <= n; i++) {
      const v = order[i]!;
      let j = i - 1;
      while (j >= 0 && values[order[j]!]! > values[v]!) {
        order[j + 1] = order[j]!;
        j--;
      }
      order[j + 1] = v;
    }
    const best = order[0]!;
    const worst = order[n]!;
    const worstPoint = at(worst);
    if (Math.abs(value(worst) - value(best)) <= tol * (Math.abs(value(best)) + tol)) break;
    centroid.fill(0);
    for (let k = 0; k < n; k++) {
      const p = at(order[k]!);
      for (let j = 0; j < n; j++) centroid[j] = centroid[j]! + p[j]! / n;
    }
    for (let j = 0; j < n; j++) reflected[j] = 2 * centroid[j]! - worstPoint[j]!;
    const fr = f(reflected);
    evals++;
    if (fr < value(best)) {
      for (let j = 0; j < n; j++) trial[j] = 3 * centroid[j]! - 2 * worstPoint[j]!;
      const fe = f(trial);
      evals++;
      if (fe < fr) replaceWorst(worstPoint, worst, trial, fe);
      else replaceWorst(worstPoint, worst, reflected, fr);
    } else if (fr < value(order[n - 1]!)) {
      replaceWorst(worstPoint, worst, reflected, fr);
    } else {
      // Contract, outside the simplex when the reflection helped a little, inside otherwise.
      const outside = fr < value(worst);
      const from = outside ? reflected : worstPoint;
      for (let j = 0; j < n; j++) trial[j] = centroid[j]! + 0.5 * (from[j]! - centroid[j]!);
      const fc = f(trial);
      evals++;
      if (fc < (outside ? fr : value(worst))) replaceWorst(worstPoint, worst, trial, fc);
      else {
        // Shrink towards the best point.
        const bestPoint = at(best);
        for (let k = 1; k <= n; k++) {
          const p = at(order[k]!);
          for (let j = 0; j < n; j++) p[j] = bestPoint[j]! + 0.5 * (p[j]! - bestPoint[j]!);
          values[order[k]!] = f(p);
          evals++;
        }
      }
    }
  }
  // Declared outside the loop: a function declared in it is a new closure every step.
  function replaceWorst(point: Float64Array, index: number, p: Float64Array, v: number) {
    for (let j = 0; j < n; j++) point[j] = p[j]!;
    values[index] = v;
  }
  let bestIndex = 0;
  for (let i = 1; i <= n; i++) if (value(i) < value(bestIndex)) bestIndex = i;
  return { x: at(bestIndex), value: value(bestIndex), evals };
}
