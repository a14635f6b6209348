#!/usr/bin/env bash
# The multi-sphere search beside its peer, PCL's RANSAC (pcl::SACSegmentation, SACMODEL_SPHERE,
# inliers removed and the search repeated), on the same scene files, in the same run: spheres found,
# missed and spurious against the generator's truth, centre and radius errors, wall times and
# their ratio. Not part of the normal build or tests: PCL is large (Debian's libpcl-dev; this
# script says how to install it when it is missing). Timings never assert anything.
#
#   bash tests/bench/spheres.sh            (scenes into build/native/scenes, with the 10⁶-point TLS scan)
#   PCL_ITERATIONS=5000 bash tests/bench/spheres.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
py=/usr/bin/python3  # Debian's, with numpy (a pyenv python3 on PATH may lack it)
build=build/native
scenes=$build/scenes
results=$build/sphere-bench
iterations=${PCL_ITERATIONS:-1000}

cmake -S . -B $build -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build $build -j2 --target spherefit_spheres_cli > /dev/null
if ! [ -f $scenes/tls_large.ply ] || [ tests/data/scenes/make_scenes.py -nt $scenes/tls_large.ply ]; then
  $py tests/data/scenes/make_scenes.py $scenes --large
fi

if ! pkg-config --exists pcl_segmentation 2>/dev/null; then
  echo "PCL is not installed: apt-get install libpcl-dev (about 1 GB with its dependencies), then run this again." >&2
  exit 1
fi
mkdir -p build/pcl $results
if ! [ -x build/pcl/pcl_spheres ] || [ tests/bench/pcl/pcl_spheres.cpp -nt build/pcl/pcl_spheres ]; then
  echo "building the PCL peer (pcl $(pkg-config --modversion pcl_segmentation))…"
  # shellcheck disable=SC2046
  g++ -std=c++17 -O2 -DNDEBUG tests/bench/pcl/pcl_spheres.cpp -o build/pcl/pcl_spheres \
    $(pkg-config --cflags --libs pcl_segmentation pcl_sample_consensus pcl_filters pcl_common) 2> build/pcl/build.log \
    || { cat build/pcl/build.log >&2; exit 1; }
fi

for scene in $($py tests/bench/compare_spheres.py --scenes $scenes/truth.json); do
  echo "… $scene" >&2
  $build/spherefit_spheres_cli $scenes $scene --repeat 3 > $results/$scene.spherefit.json
  for variant in plain local; do
    out=$results/$scene.pcl.json
    [ $variant = local ] && out=$results/$scene.pcl_local.json
    # shellcheck disable=SC2046
    build/pcl/pcl_spheres $scenes/$scene.ply $($py tests/bench/compare_spheres.py --pcl-args $scenes/truth.json $scene $variant) \
      --iterations "$iterations" > "$out" 2> /dev/null
  done
done
echo
echo "PCL: SACSegmentation RANSAC, $iterations iterations a sphere, threshold 3σ of the scene's noise, radius limits"
echo "0.8–1.25× the true radii (given to PCL, not to spherefit); spherefit: default options (TLS: its known radius)."
echo "Machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) (wall times; a shared machine slows both alike)."
$py tests/bench/compare_spheres.py $scenes/truth.json $results
