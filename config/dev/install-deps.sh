#!/usr/bin/env bash
# Installs the Debian 12 packages Steward needs to build and run (and, with --tests,
# to test), when any is missing. Safe to run repeatedly: it does nothing when everything is present.
set -euo pipefail

# What building and running Steward needs.
packages=(
  # toolchain
  g++ cmake ninja-build ccache pkg-config git ca-certificates
  # libraries (DESIGN.md, Dependencies)
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libpoco-dev libsqlite3-dev libssl-dev zlib1g-dev libsnmp-dev
  # the run script: health checks, the token hashes, TLS material
  curl coreutils openssl
)

# What only the test suite needs (--tests). Kept apart so the run command does not
# install, say, FusionInventory's agent and its service on a user's machine.
test_packages=(
  libgtest-dev libgmock-dev
  # libFuzzer targets (tests/fuzz): clang with its sanitizer/fuzzer runtimes
  clang libclang-rt-14-dev
  # integration tests: the real OCS Inventory / FusionInventory agents report to the collector
  fusioninventory-agent ocsinventory-agent
  # SNMP tests: snmptrap/snmpinform (snmp) and snmpd
  snmp snmpd
  # notification tests: a real SMTP server on loopback (python3 -m aiosmtpd)
  python3-aiosmtpd
  # packaging: dpkg-shlibdeps for the .deb; jq and systemd-analyze in its test
  dpkg-dev jq systemd
  # browser tests (tests/e2e): Debian's chromium, driven by playwright-core from npm
  chromium nodejs
  # agent SMART health: the real smartctl in SmartMonitorTest.RealSmartctlOnThisHost
  smartmontools
  # inventory readers: a real RPM database written by rpm/rpmbuild (rpm_database_test),
  # the sqlite3 shell for tests/fixtures/linux/rpm/make_rpmdb.sh
  rpm sqlite3
  # SNMP discovery tests: snmpsim's simulated devices
  snmpsim
)
if [[ "${1:-}" == "--tests" ]]; then packages+=("${test_packages[@]}"); fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)
  [[ "$status" == ii* ]] || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "steward: installing ${missing[*]}" >&2
  if [[ $(id -u) -ne 0 ]]; then
    echo "steward: run as root (or install these packages yourself): ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The browser tests' one npm package (tests/e2e/package-lock.json), from npm's registry;
# it drives the chromium installed above and downloads no browser of its own.
if [[ "${1:-}" == "--tests" ]]; then
  e2e="$(cd "$(dirname "$0")/../.." && pwd)/tests/e2e"
  if [[ ! -d "$e2e/node_modules/playwright-core" ]] && command -v npm >/dev/null; then
    npm ci --prefix "$e2e" --no-audit --no-fund >/dev/null
  fi
fi
