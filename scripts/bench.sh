#!/usr/bin/env bash
# Benchmarks, printed as same-run ratios (timings never assert anything): native Google Benchmark
# runs, then wasm against native and against the usual alternatives (a plain-JS Gauss–Newton,
# scipy's least_squares, scikit-image's find_contours), then the page's first load (scripts/bench-load.mjs)
# and the page at scale in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh > /dev/null
cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build/native -j2 > /dev/null
for bench in spherefit_bench spherefit_form_bench spherefit_point_file_bench spherefit_volume_bench; do
  echo "== native: ${bench} (Google Benchmark) =="
  "./build/native/${bench}" --benchmark_min_time=0.3
  echo
done
echo "== slice circles: wasm, native and plain JavaScript =="
node tests/bench/bench.mjs
echo
echo "== points: wasm, native and scipy =="
node tests/bench/points.mjs
echo
echo "== form fits: wasm and native =="
node tests/bench/forms.mjs
echo
echo "== a 200 MB CT volume: the library and scikit-image + scipy =="
node tests/bench/volume.mjs
echo
echo "== a batch of small CTs: spherefit fit --jobs 1 and one job per core =="
node tests/bench/batch.mjs
echo
echo "== the first load: throttled like a phone, loopback, Lighthouse =="
node scripts/bench-load.mjs
if [ -f tests/bench/page.mjs ]; then
  echo
  echo "== the page in headless Chromium =="
  node tests/bench/page.mjs
fi
