#!/usr/bin/env bash
# Builds everything the page and Node need: the wasm module (web/wasm/) and the static site (dist/).
# Native tests are built by scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

# Debian's Emscripten runs its JS optimiser with Node and needs Debian's acorn on the path.
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release > build-wasm-configure.log 2>&1 || { cat build-wasm-configure.log; exit 1; }
rm -f build-wasm-configure.log
cmake --build build/wasm -j2
mkdir -p web/wasm
cp build/wasm/spherefit-core.js build/wasm/spherefit-core.wasm web/wasm/

node scripts/make-dist.mjs
