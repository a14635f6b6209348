// Timing for the benchmarks: the median of repeated runs after one to warm up.
import { performance } from 'node:perf_hooks';

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export function time(run, repeats) {
  run();
  const ms = [];
  for (let k = 0; k < repeats; ++k) {
    const t0 = performance.now();
    run();
    ms.push(performance.now() - t0);
  }
  return median(ms);
}
