#!/usr/bin/env bash
# The whole test suite on a fresh Debian 12 machine: installs what is missing,
# builds everything with warnings as errors in CI, runs CTest. The last lines are
# CTest's summary.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/config/dev/install-deps.sh" --tests
bash "$root/config/dev/build.sh" "$root/build"
cd "$root/build"
exec ctest --output-on-failure --timeout 600 -j "$(nproc)"
