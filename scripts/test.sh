#!/usr/bin/env bash
# Runs every test: the JavaScript checks (eslint over web/, scripts/ and tests/; tsc --checkJs over
# the library against its types; report.d.ts as report.js's JSDoc emits it), native (CTest:
# GoogleTest), the wasm API in Node (node --test), and the page in headless Chromium (Playwright).
# Installs what is missing first. Any step that fails fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh

npx --no-install eslint .
npx --no-install tsc -p tsconfig.json
node scripts/emit-types.mjs --check

cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build/native -j2
(cd build/native && ctest -j2 --output-on-failure)

node --test tests/node/
node --test --test-concurrency=1 tests/e2e/
