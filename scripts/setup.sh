#!/usr/bin/env bash
# Installs what the build and the tests need and is missing; safe to run again.
# Debian packages via apt-get (root, or sudo), npm packages from package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(cmake g++ make libeigen3-dev libfast-float-dev libgtest-dev libbenchmark-dev
              emscripten binaryen chromium gzip python3-numpy python3-scipy python3-nibabel python3-skimage
              python3-pydicom python3-gdcm dcmtk libgdcm-tools openjph-tools dcm2niix
              pcl-tools plastimatch cloudcompare xvfb xauth clang-format)
missing=()
# Node may come from another packager (nodesource ships npm inside nodejs): ask apt only when absent.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm ci when node_modules is missing or older than the lock file (npm writes the marker file).
if [ -f package-lock.json ]; then
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "setup: npm ci"
    npm ci --no-audit --no-fund
  fi
fi
