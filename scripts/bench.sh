#!/usr/bin/env bash
# Benchmarks: native (Google Benchmark) and wasm vs native vs a plain-JS baseline (ratios).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh > /dev/null
cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build/native -j2 > /dev/null
echo "== native (Google Benchmark) =="
./build/native/spherefit_bench --benchmark_min_time=0.5
echo
echo "== wasm, native and plain JavaScript =="
node tests/bench/bench.mjs
