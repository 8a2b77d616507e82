#!/usr/bin/env bash
# Installs the Debian 12 packages Steward needs to build, run and test, when any is
# missing. Safe to run repeatedly: it does nothing when everything is present.
set -euo pipefail

packages=(
  # toolchain
  g++ cmake ninja-build ccache pkg-config git ca-certificates
  # libraries (DESIGN.md, Dependencies)
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libpoco-dev libsqlite3-dev libssl-dev zlib1g-dev
  # tests
  libgtest-dev libgmock-dev
  # libFuzzer targets (tests/fuzz): clang with its sanitizer/fuzzer runtimes
  clang libclang-rt-14-dev
  # integration tests: the real OCS Inventory / FusionInventory agents report to the collector
  fusioninventory-agent ocsinventory-agent
  # notification tests: a real SMTP server on loopback (python3 -m aiosmtpd)
  python3-aiosmtpd
  # the run script: health checks and the token hash
  curl coreutils
  # packaging: dpkg-shlibdeps for the .deb; jq and systemd-analyze in its test
  dpkg-dev jq systemd
  # TLS: test certificates and the run script's self-signed CA
  openssl
)

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
