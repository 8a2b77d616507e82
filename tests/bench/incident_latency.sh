#!/usr/bin/env bash
# Auto-raised incident benchmarks with the real server, collector and agent:
#   1. fault -> incident: a 1 MiB tmpfs behind the agent's --health-root is filled to
#      88% (rule: raise at 80%, no duration) N times (default 100); time from the file
#      being written to the incident being visible in GET /api/v1/incidents; median and
#      p99 (target < 1 s). The agent heartbeats every 60 s (STEWARD_BENCH_HEARTBEAT), as
#      shipped: its watch (every 500 ms, levels pushed from the rules) reports the fault.
#   2. trap -> incident: N (default 100) linkDown traps from net-snmp's snmptrap (v2c,
#      numeric OIDs, each for another ifIndex) to the collector's trap receiver on
#      loopback; time from starting snmptrap to the incident in the API (target < 1 s).
#   3. offline detection: the agent is SIGKILLed 10 times; time until the offline
#      incident is visible (rule: 2 missed 1 s heartbeats; target < 2 x the heartbeat).
#   4. storm: 2,000 simulated agents (enrolled and reporting over HTTP) behind one
#      switch go silent with it while 50 others keep reporting -> exactly 1 incident
#      with 2,000 linked assets; time to settle. The endpoint -> switch table is given
#      through [rules] uplinks_file (SNMP FDB discovery does not feed it yet).
#
#   sudo bash tests/bench/incident_latency.sh [--quick] [--build DIR]
# --quick: 20 faults, 20 traps, 3 kills, 500 simulated agents. Needs root for the tmpfs
# mount (test 1 is skipped without it) and snmptrap (snmp package; test 2 skips without).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$root/build
while (($#)); do
  case $1 in
    --quick) export STEWARD_BENCH_FAULTS=20 STEWARD_BENCH_TRAPS=20 STEWARD_BENCH_KILLS=3 STEWARD_BENCH_STORM=500 ;;
    --build) build=$2; shift ;;
    *) echo "usage: $0 [--quick] [--build DIR]" >&2; exit 2 ;;
  esac
  shift
done
if [[ ! -x $build/bin/steward_incident_bench ]]; then
  (cd "$root" && bash config/dev/build.sh "$(basename "$build")" steward_incident_bench)
fi
exec "$build/bin/steward_incident_bench"
