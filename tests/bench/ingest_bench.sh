#!/usr/bin/env bash
# Ingest benchmark of issue 4 against a Release steward-collector: builds both into
# build-release (or --build DIR) and runs the driver, which prints new and unchanged
# inventories per second with 10,000 assets known. Extra flags go to the driver:
#   bash tests/bench/ingest_bench.sh [--build DIR] [--assets N] [--new N]
#        [--unchanged N] [--packages N] [--clients N] [--http-threads N]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$root/build-release
if [[ "${1:-}" == "--build" ]]; then build=$2; shift 2; fi
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
ninja -C "$build" steward-collector steward-ingest-bench >/dev/null
exec "$build/bin/steward-ingest-bench" --collector "$build/bin/steward-collector" "$@"
