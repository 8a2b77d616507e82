#!/usr/bin/env bash
# Builds the steward-agent .deb, checks what is inside, installs it with dpkg, runs the
# installed binary, purges it and checks nothing is left behind. Needs root (CI runs
# the suite as root) and a machine where steward-agent is not otherwise installed.
#   agent_deb_test.sh BUILD_DIR [CPACK]
set -euo pipefail
build=${1:?usage: agent_deb_test.sh BUILD_DIR [CPACK]}
cpack=${2:-cpack}
pkg=steward-agent
unit=steward-agent.service
state=/var/lib/steward-agent
wants=/etc/systemd/system/multi-user.target.wants/$unit

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
json() { jq -e "$@" >/dev/null; }  # json FILTER FILE: true when FILTER holds
check() {  # check DESCRIPTION COMMAND...
  local what=$1
  shift
  "$@" || fail "$what"
  echo "ok: $what"
}

[[ $(id -u) -eq 0 ]] || fail "must run as root: it installs and purges the package with dpkg"
[[ -x $build/bin/steward-agent ]] || fail "$build/bin/steward-agent is not built"
# Never touch a real installation: the test would replace and then purge it.
if dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null | grep -q '^[a-z]i'; then
  fail "$pkg is already installed on this machine; remove it before running this test"
fi
for path in /usr/bin/steward-agent /etc/steward/agent.conf "$state"; do
  [[ ! -e $path ]] || fail "$path exists but not from the package; refusing to overwrite it"
done

work=$(mktemp -d)
cleanup() {
  # Whatever happened above, leave the machine as it was.
  if dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null | grep -q '^[a-z][a-z]'; then
    dpkg --purge "$pkg" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# 1. Build the package.
"$cpack" --config "$build/CPackConfig.cmake" -G DEB -B "$work/out" >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log" >&2; fail "cpack failed"; }
version=$("$build/bin/steward-agent" --version | awk '{print $2}')
arch=$(dpkg --print-architecture)
deb=$work/out/${pkg}_${version}_${arch}.deb
check "cpack made $(basename "$deb")" test -f "$deb"

# 2. Metadata and contents.
field() { dpkg-deb --field "$deb" "$1"; }
check "Package is $pkg" test "$(field Package)" = "$pkg"
check "Version is $version" test "$(field Version)" = "$version"
check "Architecture is $arch" test "$(field Architecture)" = "$arch"
depends=$(field Depends)
# Computed by dpkg-shlibdeps from the binary.
check "Depends names libc6 ($depends)" grep -q 'libc6 (>=' <<<"$depends"
check "Depends names libstdc++6" grep -q 'libstdc++6 (>=' <<<"$depends"

dpkg-deb --contents "$deb" >"$work/contents"
files=$(awk '$1 !~ /^d/ {print $6}' "$work/contents" | sed 's|^\./|/|')
echo "package files:"
sed 's/^/  /' <<<"$files"
check "binary /usr/bin/steward-agent is executable" \
  grep -Eq '^-rwxr-xr-x root/root .* \./usr/bin/steward-agent$' "$work/contents"
check "unit /lib/systemd/system/$unit" grep -qx "/lib/systemd/system/$unit" <<<"$files"
check "config /etc/steward/agent.conf (0644)" \
  grep -Eq '^-rw-r--r-- root/root .* \./etc/steward/agent.conf$' "$work/contents"
check "TLS helper /usr/lib/steward-agent/steward-agent-tls is executable" \
  grep -Eq '^-rwxr-xr-x root/root .* \./usr/lib/steward-agent/steward-agent-tls$' "$work/contents"
check "Depends names libssl3, for the TLS helper ($depends)" grep -q 'libssl3' <<<"$depends"
outside=$(grep -Ev \
  '^/(usr/bin|usr/lib/steward-agent|usr/share/doc/steward-agent|etc/steward|lib/systemd/system)/' \
  <<<"$files" || true)
check "no file outside /usr/bin, /usr/lib/steward-agent, /etc/steward, /lib/systemd/system, \
doc ($outside)" test -z "$outside"

dpkg-deb --control "$deb" "$work/control"
check "agent.conf is a conffile" grep -qx /etc/steward/agent.conf "$work/control/conffiles"
for script in postinst prerm postrm; do
  check "$script is an executable maintainer script" test -x "$work/control/$script"
done

dpkg-deb --fsys-tarfile "$deb" | tar -xO ./lib/systemd/system/$unit >"$work/$unit"
for line in NoNewPrivileges=yes ProtectSystem=strict ProtectHome=yes PrivateTmp=yes \
  StateDirectory=steward-agent CapabilityBoundingSet= ProtectKernelTunables=yes \
  'ExecStart=/usr/bin/steward-agent run --config /etc/steward/agent.conf'; do
  check "unit has $line" grep -qx "$line" "$work/$unit"
done
if command -v systemd-analyze >/dev/null; then
  # The unit names /usr/bin/steward-agent, which exists only once installed: verify
  # a copy that runs the built binary.
  mkdir -p "$work/verify"
  sed "s|/usr/bin/steward-agent|$(realpath "$build/bin/steward-agent")|" "$work/$unit" \
    >"$work/verify/$unit"
  check "systemd-analyze verify accepts the unit" \
    systemd-analyze verify --man=no "$work/verify/$unit"
fi

# 3. Install. systemd is not PID 1 in CI containers: the scripts must still succeed.
check "dpkg --install succeeds" dpkg --install "$deb"
check "dpkg reports $pkg installed" \
  test "$(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg")" = "ii "
check "/usr/bin/steward-agent --version prints $version" \
  test "$(/usr/bin/steward-agent --version)" = "steward-agent $version"
/usr/bin/steward-agent inventory >"$work/inventory.json" 2>"$work/inventory.err" ||
  { cat "$work/inventory.err" >&2; fail "/usr/bin/steward-agent inventory failed"; }
check "installed inventory is JSON naming this host ($(hostname))" \
  json --arg host "$(hostname)" '.system.hostname == $host' "$work/inventory.json"
check "installed inventory lists this package among the installed software" \
  json '[.packages[]? | select(.name == "steward-agent")] | length == 1' "$work/inventory.json"
# The unit runs it as root with an empty capability bounding set and no_new_privs:
# the inventory must come out the same.
setpriv --bounding-set=-all --inh-caps=-all --no-new-privs \
  /usr/bin/steward-agent inventory >"$work/inventory-nocaps.json"
check "inventory without any capability has the same packages and hardware" \
  json --slurpfile full "$work/inventory.json" \
  '(.packages | length) == ($full[0].packages | length) and .hardware == $full[0].hardware' \
  "$work/inventory-nocaps.json"
# https runs the installed helper: with nothing listening, the error is the refused
# connection, not "cannot start the TLS helper".
/usr/bin/steward-agent enroll --collector https://127.0.0.1:1 --token x \
  --set agent.state_dir="$work/enroll-state" >"$work/enroll.out" 2>&1 || true
check "installed agent runs its TLS helper for https ($(head -c 200 "$work/enroll.out"))" \
  bash -c "grep -q 'cannot connect' '$work/enroll.out' && ! grep -q 'TLS helper' '$work/enroll.out'"
check "installed steward-agent does not link libssl" \
  bash -c "! ldd /usr/bin/steward-agent | grep -q libssl"
check "/etc/steward/agent.conf installed" test -f /etc/steward/agent.conf
check "state dir $state exists with mode 0700" test "$(stat -c %a "$state")" = 700
check "service enabled (multi-user.target.wants link)" test -L "$wants"

# 4. Upgrade to a newer package version: keeps a locally edited conffile, the agent's
# state and the administrator's choice to disable the service.
"$cpack" --config "$build/CPackConfig.cmake" -G DEB -B "$work/next" \
  -D CPACK_PACKAGE_VERSION="$version+1" >"$work/cpack-next.log" 2>&1 ||
  { cat "$work/cpack-next.log" >&2; fail "cpack (next version) failed"; }
next=$work/next/${pkg}_${version}+1_${arch}.deb
echo '; local edit' >>/etc/steward/agent.conf
echo keep >"$state/marker"
systemctl disable "$unit" 2>/dev/null || rm -f "$wants"
check "upgrade to $version+1 succeeds" dpkg --install "$next" </dev/null
check "dpkg reports $version+1 installed" \
  test "$(dpkg-query -W -f='${Version}' "$pkg")" = "$version+1"
check "upgrade kept the edited conffile" grep -qx '; local edit' /etc/steward/agent.conf
check "upgrade kept the state dir" test -f "$state/marker"
check "upgrade kept the service disabled" test ! -e "$wants"

# 5. Remove keeps config and state; purge removes everything.
check "dpkg --remove succeeds" dpkg --remove "$pkg"
check "remove deleted the binary" test ! -e /usr/bin/steward-agent
check "remove deleted the TLS helper" test ! -e /usr/lib/steward-agent/steward-agent-tls
check "remove kept agent.conf" test -f /etc/steward/agent.conf
check "remove kept the state dir" test -d "$state"
check "remove disabled the service" test ! -e "$wants"
check "dpkg --purge succeeds" dpkg --purge "$pkg"
check "purge removed everything" \
  bash -c "! ls -d /usr/bin/steward-agent /usr/lib/steward-agent /etc/steward \
    /lib/systemd/system/$unit \
    $state $wants /var/lib/systemd/deb-systemd-helper-enabled/$unit.dsh-also 2>/dev/null"
check "dpkg no longer knows $pkg" \
  bash -c "! dpkg-query -W -f='\${db:Status-Abbrev}' $pkg 2>/dev/null | grep -q '^[a-z][a-z]'"
echo "PASS: $pkg .deb builds, installs, runs and purges cleanly"
