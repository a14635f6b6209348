#!/usr/bin/env bash
# Builds the site and serves it on http://localhost:8080 (PORT=… to change), opening a browser
# when there is a desktop. The page opens with a built-in sample already fitted.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
port="${PORT:-8080}"
url="http://localhost:${port}/"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && command -v xdg-open > /dev/null; then
  (sleep 1; xdg-open "$url" > /dev/null 2>&1 || true) &
fi
PORT="$port" exec node scripts/serve.mjs
