// Timing for the benchmarks: the median of repeated runs after a few to warm up (V8 first runs
// WebAssembly in its baseline compiler and moves hot functions to the optimising one while they
// run: the first calls are slower than the steady state the benchmarks report).
import { performance } from 'node:perf_hooks';

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export function time(run, repeats, warmups = 5) {
  for (let k = 0; k < warmups; ++k) run();
  const ms = [];
  for (let k = 0; k < repeats; ++k) {
    const t0 = performance.now();
    run();
    ms.push(performance.now() - t0);
  }
  return median(ms);
}
