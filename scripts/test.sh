#!/usr/bin/env bash
# Runs every test: native (CTest: GoogleTest), the wasm API in Node (node --test), and the page in
# headless Chromium (Playwright). Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh

cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build/native -j2
(cd build/native && ctest -j2 --output-on-failure)

node --test tests/node/
node --test --test-concurrency=1 tests/e2e/
