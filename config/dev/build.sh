#!/usr/bin/env bash
# Configures and builds Steward with Ninja (and ccache) into $1 (default: ./build).
# Further arguments are Ninja targets (default: everything, tests included).
# CI=true turns warnings into errors; STEWARD_BUILD_TESTS=OFF leaves the tests out
# (and with them the test-only packages).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build_dir=${1:-$root/build}
shift || true
werror=OFF
[[ "${CI:-}" == "true" ]] && werror=ON
mkdir -p "$build_dir"
log="$build_dir/build.log"
echo "steward: building in $build_dir (log: $log)" >&2
if ! { cmake -S "$root" -B "$build_dir" -G Ninja -DSTEWARD_WERROR=$werror \
         -DSTEWARD_BUILD_TESTS="${STEWARD_BUILD_TESTS:-ON}" &&
       ninja -C "$build_dir" -j "$(nproc)" "$@"; } >"$log" 2>&1; then
  grep -E -A8 'error|FAILED' "$log" | head -120 >&2 || tail -60 "$log" >&2
  echo "steward: build failed (full log: $log)" >&2
  exit 1
fi
