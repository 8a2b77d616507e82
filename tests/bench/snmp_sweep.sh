#!/usr/bin/env bash
# SNMP discovery speed, against net-snmp's own command-line tools in the same run.
#
#   bash tests/bench/snmp_sweep.sh [--build DIR] [--devices N] [--sequential-sample N]
#                                  [--window N]
#
# Starts one snmpsimd (Debian's snmpsim) serving N (default 50) copies of the switch
# fixture on 127.0.50.1..N and N more on 127.51.0.1..N, high port, then:
# 1. Sweep of 127.0.50.0/24 (N answer, 254-N never reply), 1 s timeout, no retries,
#    system group only: steward's NetSnmpClient (one process, all in flight) against
#    a) 254 parallel `snmpget` processes and b) a sequential `snmpget` loop (what a
#    naive discovery does), measured on --sequential-sample addresses (default 20,
#    half silent) and extrapolated to 254 (the full loop takes minutes).
# 2. Full inventory poll of the N devices with every subtree discovery walks (system,
#    interfaces, IP, ENTITY, HOST-RESOURCES, Printer, UPS, BRIDGE/Q-BRIDGE FDB, LLDP,
#    CDP): steward against N parallel shell jobs each running `snmpbulkwalk` over the
#    same subtrees one after another. snmpsim (single-threaded Python) bounds both.
# 3. Sweep of 127.51.0.0/16 (65,534 addresses: N answer, the rest never reply), 1 s
#    timeout, no retries, no rate limit, --window (default 4096) devices in flight:
#    steward in one process (its peak RSS printed), against the 254 parallel
#    snmpget figure of step 1 scaled to 256 /24s (65,000 processes are not run).
# Targets (issue 4): /24 sweep < 1.5 s; /16 sweep < 60 s; poll no slower than the
# parallel snmpbulkwalks.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$root/build
devices=50
sample=20
window=4096
while (($#)); do
  case $1 in
    --build) build=$2; shift ;;
    --devices) devices=$2; shift ;;
    --sequential-sample) sample=$2; shift ;;
    --window) window=$2; shift ;;
    *) echo "usage: $0 [--build DIR] [--devices N] [--sequential-sample N] [--window N]" >&2; exit 2 ;;
  esac
  shift
done
for tool in snmpsimd snmpget snmpbulkwalk; do
  command -v $tool >/dev/null || { echo "missing $tool: bash config/dev/install-deps.sh --tests" >&2; exit 1; }
done
bench=$build/bin/steward_snmp_poll_bench
[[ -x $bench ]] || CCACHE_NOHASHDIR=true bash "$root/config/dev/build.sh" "$build" steward_snmp_poll_bench
work=$(mktemp -d /tmp/steward-snmp-bench-XXXXXX)
chmod 755 "$work"
sim_pid=
cleanup() { [[ -n $sim_pid ]] && kill "$sim_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$work/data/public" "$work/cache"
endpoints=()
for ((k = 0; k < devices; k++)); do
  cp "$root/tests/fixtures/snmp/switch.snmprec" "$work/data/public/1.3.6.1.6.1.1.$k.snmprec"
  endpoints+=("--agent-udpv4-endpoint=127.0.50.$((k + 1)):$port")
done
for ((k = 0; k < devices; k++)); do
  cp "$root/tests/fixtures/snmp/switch.snmprec" "$work/data/public/1.3.6.1.6.1.1.$((devices + k)).snmprec"
  endpoints+=("--agent-udpv4-endpoint=127.51.0.$((k + 1)):$port")
done
user_args=()
if [[ $(id -u) -eq 0 ]]; then
  chmod -R a+rX "$work"; chmod 777 "$work/cache"
  user_args=(--process-user=nobody --process-group=nogroup)
fi
snmpsimd --data-dir="$work/data" --cache-dir="$work/cache" --v2c-arch --logging-method=null \
  "${user_args[@]}" "${endpoints[@]}" >"$work/snmpsimd.log" 2>&1 &
sim_pid=$!
for _ in $(seq 1 300); do
  snmpget -v2c -c public -On -t 0.2 -r 0 "127.51.0.$devices:$port" 1.3.6.1.2.1.1.5.0 \
    >/dev/null 2>&1 && break
  sleep 0.2
done
echo "snmpsimd pid $sim_pid: $devices simulated switches on 127.0.50.1-$devices and" \
  "127.51.0.1-$devices port $port"
now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc -l | xargs printf '%.2f'; }

echo
echo "1. sweep of 127.0.50.0/24 ($devices answer, $((254 - devices)) silent), 1 s timeout, no retries"
line=$("$bench" --port "$port" --timeout-ms 1000 --retries 0 --plan sweep 127.0.50.0/24)
echo "   steward NetSnmpClient (1 process):   $line"
t0=$(now)
for h in $(seq 1 254); do
  snmpget -v2c -c public -On -t 1 -r 0 "127.0.50.$h:$port" 1.3.6.1.2.1.1.1.0 1.3.6.1.2.1.1.2.0 \
    1.3.6.1.2.1.1.5.0 >/dev/null 2>&1 &
done
wait_pids=$(jobs -p | grep -v "^$sim_pid$" || true)
for p in $wait_pids; do wait "$p" 2>/dev/null || true; done
t1=$(now)
parallel24=$(secs "$t0" "$t1")
echo "   254 parallel snmpget processes:      seconds=$parallel24"
t0=$(now)
for ((i = 0; i < sample; i++)); do
  if ((i % 2 == 0)); then h=$((i / 2 + 1)); else h=$((200 + i)); fi
  snmpget -v2c -c public -On -t 1 -r 0 "127.0.50.$h:$port" 1.3.6.1.2.1.1.1.0 1.3.6.1.2.1.1.2.0 \
    1.3.6.1.2.1.1.5.0 >/dev/null 2>&1 || true
done
t1=$(now)
per_silent=$(echo "($t1 - $t0) / $sample * 2" | bc -l)
echo "   sequential snmpget loop:             seconds=$(secs "$t0" "$t1") for $sample addresses;" \
  "extrapolated to the /24: $(echo "$per_silent * (254 - $devices)" | bc -l | xargs printf '%.0f') s"

echo
echo "2. full inventory poll of $devices simulated switches (every discovery subtree)"
line=$("$bench" --port "$port" --timeout-ms 2000 --retries 1 --plan full \
  $(for ((k = 1; k <= devices; k++)); do echo "127.0.50.$k"; done))
echo "   steward NetSnmpClient (1 process):   $line"
mapfile -t roots < <("$bench" --print-roots)
t0=$(now)
for ((k = 1; k <= devices; k++)); do
  (
    snmpget -v2c -c public -On -t 2 -r 1 "127.0.50.$k:$port" 1.3.6.1.2.1.1.1.0 1.3.6.1.2.1.1.2.0 \
      1.3.6.1.2.1.1.3.0 1.3.6.1.2.1.1.4.0 1.3.6.1.2.1.1.5.0 1.3.6.1.2.1.1.6.0 1.3.6.1.2.1.1.7.0
    for r in "${roots[@]}"; do
      snmpbulkwalk -v2c -c public -On -t 2 -r 1 -Cr24 "127.0.50.$k:$port" "$r" || true
    done
  ) >"$work/walk.$k" 2>&1 &
done
for p in $(jobs -p | grep -v "^$sim_pid$" || true); do wait "$p" 2>/dev/null || true; done
t1=$(now)
values=$(cat "$work"/walk.* | grep -c ' = ' || true)
echo "   $devices parallel snmpget+snmpbulkwalk jobs: values=$values seconds=$(secs "$t0" "$t1")"

echo
echo "3. sweep of 127.51.0.0/16 ($devices answer, $((65534 - devices)) silent), 1 s timeout, no retries," \
  "$window in flight"
line=$("$bench" --port "$port" --timeout-ms 1000 --retries 0 --max-in-flight "$window" \
  --plan sweep 127.51.0.0/16)
echo "   steward NetSnmpClient (1 process):   $line"
echo "   parallel snmpget, /24 figure x 256:  seconds=$(echo "$parallel24 * 256" | bc -l |
  xargs printf '%.0f') (extrapolated: 65,534 processes are not started)"
