#!/usr/bin/env bash
# steward-agent footprint on this machine, against Debian's fusioninventory-agent and
# ocsinventory-agent, checked against the targets of issue 3. Prints a table.
#
#   sudo bash tests/bench/agent_footprint.sh [--quick | --long | --duration SECONDS]
#                         [--runs N] [--interval SECONDS] [--plain-http] [--build DIR]
#                         [--agent BINARY]
#
# 1. Full inventory, each tool N times (default 5) after one warm-up run, through
#    /usr/bin/time: median wall time, CPU time (user+system) and peak RSS.
#      steward-agent inventory >/dev/null
#      fusioninventory-agent --local DIR     (writes an XML file, contacts nobody)
#      ocsinventory-agent --local=DIR        (same)
# 2. Running agent: steward-server and steward-collector on loopback (free ports, temp
#    dir, as config/dev/run-local.sh does), the agent enrolled with a site token, and
#    `steward-agent run` with a 60 s heartbeat for --duration seconds (default 120;
#    the collector loads the shipped config/rules.conf, so the agent also watches its
#    health signals every second against the pushed levels, as in production;
#    --quick: 30; --long: 600, the 10 minutes of issue 3). The collector serves https
#    with a throwaway self-signed certificate the agent pins (--plain-http: http, as
#    before TLS existed; the agent then never loads its OpenSSL plugin). After the first
#    inventory is delivered, VmRSS and /proc/PID/smaps_rollup (Anonymous,
#    Private_Dirty) are sampled every 5 s; idle RSS is the last sample; CPU is
#    utime+stime of the agent and of the programs it ran (the TLS helper for each
#    https request, systemctl, smartctl) over the whole window.
# Needs root (apt-get for the two other agents, and the same full-inventory privileges
# for all three). Builds steward-agent, -collector and -server into --build (default
# ./build) when they are missing. --agent measures another steward-agent binary (e.g.
# the installed /usr/bin/steward-agent) against the collector and server of --build.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$root/build
agent_bin=
runs=5
duration=120
interval=60
scheme=https
while (($#)); do
  case $1 in
    --quick) duration=30 ;;
    --long) duration=600 ;;
    --plain-http) scheme=http ;;
    --duration) duration=$2; shift ;;
    --runs) runs=$2; shift ;;
    --interval) interval=$2; shift ;;
    --build) build=$2; shift ;;
    --agent) agent_bin=$2; shift ;;
    *) echo "usage: $0 [--quick | --long | --duration S] [--runs N] [--interval S]" \
         "[--plain-http] [--build DIR] [--agent BINARY]" >&2
       exit 2 ;;
  esac
  shift
done
[[ $(id -u) -eq 0 ]] || { echo "agent_footprint: run as root" >&2; exit 1; }

# --- tools ------------------------------------------------------------------------------
need=()
[[ -x /usr/bin/time ]] || need+=(time)
command -v fusioninventory-agent >/dev/null || need+=(fusioninventory-agent)
command -v ocsinventory-agent >/dev/null || need+=(ocsinventory-agent)
command -v curl >/dev/null || need+=(curl)
if ((${#need[@]})); then
  echo "agent_footprint: installing ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
bin=$build/bin
if [[ ! -x $bin/steward-agent || ! -x $bin/steward-collector || ! -x $bin/steward-server ]]; then
  bash "$root/config/dev/build.sh" "$build" steward-agent steward-collector steward-server
fi
agent_bin=${agent_bin:-$bin/steward-agent}

work=$(mktemp -d)
pids=()
cleanup() {
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill -TERM "${pids[i]}" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

median() {
  sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}

# measure NAME COMMAND...: warm-up, then $runs runs; sets wall_NAME, cpu_NAME, rss_NAME
# (seconds, seconds, KiB).
measure() {
  local name=$1 i
  shift
  local out=$work/time-$name
  : >"$out"
  for ((i = 0; i <= runs; i++)); do
    rm -rf "$work/local" && mkdir -p "$work/local"
    /usr/bin/time -f '%e %U %S %M' -a -o "$out.raw" "$@" >/dev/null \
      2>"$work/stderr-$name" || {
      echo "agent_footprint: $name failed:" >&2
      tail -5 "$work/stderr-$name" >&2
      exit 1
    }
  done
  # Drop the warm-up run (first line).
  tail -n +2 "$out.raw" >"$out"
  printf -v "wall_$name" '%s' "$(awk '{print $1}' "$out" | median)"
  printf -v "cpu_$name" '%s' "$(awk '{print $2 + $3}' "$out" | median)"
  printf -v "rss_$name" '%s' "$(awk '{print $4}' "$out" | median)"
}

packages=$(dpkg-query -W -f '.\n' | wc -l)
echo "agent_footprint: full inventory, $runs runs each after a warm-up ($packages packages)" >&2
measure steward "$agent_bin" inventory
measure fusion fusioninventory-agent --local "$work/local"
measure ocs ocsinventory-agent --local="$work/local"

# --- running agent ----------------------------------------------------------------------
token=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
token_hash=$(printf %s "$token" | sha256sum | cut -d' ' -f1)
mkdir -p "$work/agent-state"
cat >"$work/server.conf" <<CONF
[http]
address = 127.0.0.1
port = 0
port_file = $work/server.port
[storage]
path = $work/server.db
[auth]
collector_token_sha256 = $token_hash
CONF

wait_port() {  # wait_port FILE NAME LOG [SCHEME] -> prints the port
  for _ in $(seq 1 100); do
    [[ -s $1 ]] && curl -kfsS -o /dev/null "${4:-http}://127.0.0.1:$(cat "$1")/healthz" \
      2>/dev/null &&
      { cat "$1"; return 0; }
    kill -0 "${pids[-1]}" 2>/dev/null || break
    sleep 0.1
  done
  echo "agent_footprint: $2 did not start:" >&2
  tail -20 "$3" >&2
  exit 1
}

"$bin/steward-server" --config "$work/server.conf" >"$work/server.log" 2>&1 &
pids+=($!)
server_port=$(wait_port "$work/server.port" steward-server "$work/server.log")
site_token=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
site_hash=$(printf %s "$site_token" | sha256sum | cut -d' ' -f1)
tls_conf=
if [[ $scheme == https ]]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 \
    -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
    -keyout "$work/collector.key" -out "$work/collector.crt" 2>/dev/null
  fingerprint=$(openssl x509 -in "$work/collector.crt" -noout -fingerprint -sha256 |
    cut -d= -f2 | tr -d :)
  tls_conf="tls_cert = $work/collector.crt
tls_key = $work/collector.key"
fi
cat >"$work/collector.conf" <<CONF
[http]
address = 127.0.0.1
port = 0
port_file = $work/collector.port
$tls_conf
[storage]
path = $work/collector.db
[server]
url = http://127.0.0.1:$server_port
token = $token
[enroll]
token_sha256 = $site_hash
[rules]
file = $root/config/rules.conf
CONF
"$bin/steward-collector" --config "$work/collector.conf" >"$work/collector.log" 2>&1 &
pids+=($!)
collector_port=$(wait_port "$work/collector.port" steward-collector "$work/collector.log" $scheme)
if [[ $scheme == https ]]; then
  collector_conf="url = https://127.0.0.1:$collector_port
fingerprint_sha256 = $fingerprint"
else
  collector_conf="url = http://127.0.0.1:$collector_port
allow_insecure_http = true"
fi
cat >"$work/agent.conf" <<CONF
[collector]
$collector_conf
[agent]
state_dir = $work/agent-state
heartbeat_interval_seconds = $interval
[log]
; debug: one line per heartbeat, so the heartbeats can be counted.
level = debug
CONF
"$agent_bin" enroll --config "$work/agent.conf" --token "$site_token" >"$work/enroll.log" 2>&1 ||
  { echo "agent_footprint: enrollment failed:" >&2; cat "$work/enroll.log" >&2; exit 1; }
"$agent_bin" run --config "$work/agent.conf" >"$work/agent.log" 2>&1 &
agent=$!
pids+=("$agent")

for _ in $(seq 1 200); do
  grep -q 'delivered inventory' "$work/agent.log" && break
  kill -0 "$agent" 2>/dev/null ||
    { echo "agent_footprint: agent exited:" >&2; cat "$work/agent.log" >&2; exit 1; }
  sleep 0.1
done
grep -q 'delivered inventory' "$work/agent.log" ||
  { echo "agent_footprint: no inventory delivered:" >&2; tail "$work/agent.log" >&2; exit 1; }

echo "agent_footprint: running agent for ${duration}s at a ${interval}s heartbeat ($scheme)" >&2
# utime + stime, plus the children it waited for (systemctl, smartctl, the TLS helper).
ticks() { awk '{print $14 + $15 + $16 + $17}' "/proc/$agent/stat"; }
kib() { awk -v k="$2:" '$1 == k {print $2}' "$1"; }
hz=$(getconf CLK_TCK)
t0=$(date +%s.%N)
c0=$(ticks)
max_rss=0 max_anon=0 max_dirty=0 samples=0
end=$((SECONDS + duration))
while :; do
  rss=$(kib "/proc/$agent/status" VmRSS)
  anon=$(kib "/proc/$agent/smaps_rollup" Anonymous)
  dirty=$(kib "/proc/$agent/smaps_rollup" Private_Dirty)
  ((rss > max_rss)) && max_rss=$rss
  ((anon > max_anon)) && max_anon=$anon
  ((dirty > max_dirty)) && max_dirty=$dirty
  samples=$((samples + 1))
  ((SECONDS < end)) || break
  left=$((end - SECONDS))
  sleep $((left < 5 ? left : 5))
done
c1=$(ticks)
t1=$(date +%s.%N)
idle_rss=$rss
libssl=$(grep -c 'libssl\.so' "/proc/$agent/maps" || true)
# Where the resident memory is: Rss per mapped file (anonymous memory as one line).
awk '/^[0-9a-f]+-[0-9a-f]+ / {name = (NF >= 6) ? $6 : "[anonymous]"}
     $1 == "Rss:" {rss[name] += $2}
     END {for (n in rss) printf "%8d KiB  %s\n", rss[n], n}' "/proc/$agent/smaps" |
  sort -rn | head -12 >"$work/rss-by-mapping"
kill -0 "$agent" || { echo "agent_footprint: agent died:" >&2; tail "$work/agent.log" >&2; exit 1; }
heartbeats=$(grep -c 'delivered heartbeat' "$work/agent.log" || true)
failures=$(grep -c 'could not deliver' "$work/agent.log" || true)
cpu_pct=$(awk -v a="$c0" -v b="$c1" -v hz="$hz" -v t0="$t0" -v t1="$t1" \
  'BEGIN {printf "%.4f", (b - a) / hz / (t1 - t0) * 100}')
cpu_run_s=$(awk -v a="$c0" -v b="$c1" -v hz="$hz" 'BEGIN {printf "%.2f", (b - a) / hz}')

# --- table ------------------------------------------------------------------------------
mib() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }
echo
echo "Full inventory on $(hostname) ($(nproc) cores, $packages packages, load average" \
  "$(cut -d' ' -f1-3 /proc/loadavg)), median of $runs runs after a warm-up"
printf '%-34s %9s %9s %14s\n' tool "wall (s)" "CPU (s)" "peak RSS (MiB)"
for t in steward fusion ocs; do
  case $t in
    steward) label="steward-agent inventory" ;;
    fusion) label="fusioninventory-agent --local" ;;
    ocs) label="ocsinventory-agent --local" ;;
  esac
  w=wall_$t c=cpu_$t r=rss_$t
  printf '%-34s %9.3f %9.3f %14s\n' "$label" "${!w}" "${!c}" "$(mib "${!r}")"
done
echo
echo "Running agent: steward-agent run over $scheme, ${interval}s heartbeat, ${duration}s" \
  "window, $heartbeats heartbeats, $failures failed deliveries, $samples samples," \
  "libssl $( ((libssl > 0)) && echo mapped || echo 'not mapped')"
printf '  VmRSS idle %s MiB (max %s), Anonymous max %s MiB, Private_Dirty max %s MiB,' \
  "$(mib $idle_rss)" "$(mib $max_rss)" "$(mib $max_anon)" "$(mib $max_dirty)"
printf ' CPU %ss = %s%% of one core\n' "$cpu_run_s" "$cpu_pct"
echo "  resident memory by mapping (largest first):"
sed 's/^/  /' "$work/rss-by-mapping"
echo
if ((duration < interval)); then
  echo "  (the window is shorter than the heartbeat interval: CPU covers idle waiting only)"
fi
# /usr/bin/time counts CPU in 10 ms steps: 0 means "under 10 ms".
cpu_ratio=$(awk -v f="$cpu_fusion" -v s="$cpu_steward" \
  'BEGIN {if (s > 0) printf "%.0f", f / s; else printf ">=%.0f", f / 0.01}')
echo "  (inventory CPU time: fusioninventory-agent uses ${cpu_ratio}x steward-agent's;" \
  "wall time depends on what else the machine runs)"
speedup=$(awk -v f="$wall_fusion" -v s="$wall_steward" 'BEGIN {printf "%.1f", (s > 0) ? f / s : 0}')
verdict() { awk "BEGIN {exit !($1)}" && echo PASS || echo FAIL; }
printf '%-58s %-18s %s\n' target measured result
printf '%-58s %-18s %s\n' "inventory wall >= 20x faster than fusioninventory-agent" "${speedup}x" \
  "$(verdict "$speedup >= 20")"
printf '%-58s %-18s %s\n' "inventory peak RSS < 10 MiB" "$(mib "$rss_steward") MiB" \
  "$(verdict "$rss_steward < 10240")"
printf '%-58s %-18s %s\n' "running agent RSS < 12 MiB" "$(mib $max_rss) MiB" \
  "$(verdict "$max_rss < 12288")"
printf '%-58s %-18s %s\n' "running agent private anonymous < 4 MiB" "$(mib $max_anon) MiB" \
  "$(verdict "$max_anon < 4096")"
printf '%-58s %-18s %s\n' "running agent CPU < 0.1% of one core" "${cpu_pct}%" \
  "$(verdict "$cpu_pct < 0.1")"
