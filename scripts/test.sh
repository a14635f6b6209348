#!/usr/bin/env bash
# Runs every test: the C++ format check (clang-format); the JavaScript checks (eslint over web/, scripts/ and tests/; tsc --checkJs over
# the library against its types; report.d.ts as report.js's JSDoc emits it), native (CTest:
# GoogleTest; again under ASan/UBSan), the wasm API in Node (node --test), and the page in headless Chromium (Playwright).
# Installs what is missing first. Any step that fails fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh

# The C++ as .clang-format has it (Google style at 120 columns): a file that differs fails the run.
git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run --Werror
npx --no-install eslint .
npx --no-install tsc -p tsconfig.json
node scripts/emit-types.mjs --check

cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build/native -j2
(cd build/native && ctest -j2 --output-on-failure)
# The native suite again under AddressSanitizer and UndefinedBehaviorSanitizer (Debug, -O1): a
# memory error or undefined behaviour anywhere in the core fails the run (no benchmarks here:
# they are the release build's).
cmake -S . -B build/sanitize -DCMAKE_BUILD_TYPE=Debug -DSPHEREFIT_SANITIZE=ON -DSPHEREFIT_BENCH=OFF > /dev/null
cmake --build build/sanitize -j2 > build/sanitize.log 2>&1 || { grep -E "error|Error" build/sanitize.log | head -40; exit 1; }
(cd build/sanitize && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest -j2 --output-on-failure ${SANITIZE_SKIP:+-E "$SANITIZE_SKIP"})

node --test tests/node/
node --test --test-concurrency=1 tests/e2e/
