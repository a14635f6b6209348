#!/usr/bin/env bash
# Fuzzes the readers and fits with libFuzzer (Debian's clang, -fsanitize=fuzzer,address,undefined):
# every tests/fuzz/*_fuzz.cpp for SECONDS each (default 60), growing its corpus in
# tests/fuzz/corpus/<name>/. A crash leaves its input in build/fuzz/; add it to the corpus once fixed
# (the native suite replays every corpus, see tests/fuzz/replay.cpp).
#   bash scripts/fuzz.sh [SECONDS] [NAME…]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
for p in clang libclang-rt-14-dev; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "$p"
  fi
done
seconds="${1:-60}"; shift || true
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for f in tests/fuzz/*_fuzz.cpp; do names+=("$(basename "$f" _fuzz.cpp)"); done
fi
mkdir -p build/fuzz
sources=$(find wasm/core -name "*.cpp" | sort)
for name in "${names[@]}"; do
  echo "== ${name}: building"
  clang++ -std=c++17 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -DSPHEREFIT_VERSION='"fuzz"' -Iwasm/core -isystem /usr/include/eigen3 \
    "tests/fuzz/${name}_fuzz.cpp" $sources -o "build/fuzz/${name}"
  mkdir -p "tests/fuzz/corpus/${name}" "build/fuzz/new-${name}"
  echo "== ${name}: fuzzing for ${seconds} s"
  dict=()
  [ -f "tests/fuzz/${name}.dict" ] && dict=("-dict=../../tests/fuzz/${name}.dict")
  (cd build/fuzz && "./${name}" -max_total_time="$seconds" -max_len=131072 -timeout=10 -rss_limit_mb=2048 "${dict[@]}" \
    "new-${name}" "../../tests/fuzz/corpus/${name}")
  # Keep only the inputs that reach code the committed corpus does not.
  (cd build/fuzz && "./${name}" -merge=1 "../../tests/fuzz/corpus/${name}" "new-${name}" > /dev/null 2>&1)
done
