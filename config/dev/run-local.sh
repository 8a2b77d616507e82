#!/usr/bin/env bash
# Runs Steward on this machine: installs what is missing, builds, starts
# steward-server and steward-collector on loopback with SQLite files under ./var,
# runs steward-agent for this machine against the collector, and prints where to
# look. Ctrl-C stops all three. Both hops (agent -> collector -> server) use HTTPS
# with certificates from a local CA made here with openssl (./var/tls, keys 0600),
# verified by the agent and the collector.
#   STEWARD_SERVER_PORT (default 8480), STEWARD_COLLECTOR_PORT (default 8481)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
server_port=${STEWARD_SERVER_PORT:-8480}
collector_port=${STEWARD_COLLECTOR_PORT:-8481}

bash "$root/config/dev/install-deps.sh"
STEWARD_BUILD_TESTS=OFF bash "$root/config/dev/build.sh" "$root/build" steward-server steward-collector steward-agent
bin="$root/build/bin"

umask 077
data="$root/var"
mkdir -p "$data/log" "$data/agent-state"

# The collector's credential for the server: made once, kept 0600 under ./var.
# The server is given only its SHA-256.
if [[ ! -s "$data/collector-token" ]]; then
  head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$data/collector-token"
fi
token=$(cat "$data/collector-token")
token_hash=$(printf %s "$token" | sha256sum | cut -d' ' -f1)
# The site enrollment token agents trade for their own credential; the collector
# is given only its SHA-256.
if [[ ! -s "$data/enroll-token" ]]; then
  head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$data/enroll-token"
fi
enroll_token=$(cat "$data/enroll-token")
enroll_hash=$(printf %s "$enroll_token" | sha256sum | cut -d' ' -f1)

# A local CA and one certificate each for the server and the collector, valid for
# 127.0.0.1 and localhost. Made once; delete ./var/tls to make new ones.
tls="$data/tls"
mkdir -p "$tls"
if [[ ! -s "$tls/ca.pem" || ! -s "$tls/ca.key" ]]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 825 \
    -subj "/CN=Steward local CA ($(hostname))" -keyout "$tls/ca.key" -out "$tls/ca.pem" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    2>/dev/null
  rm -f "$tls/server.pem" "$tls/collector.pem"
fi
for name in server collector; do
  [[ -s "$tls/$name.pem" && -s "$tls/$name.key" ]] && continue
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=steward-$name" \
    -keyout "$tls/$name.key" -out "$tls/$name.csr" 2>/dev/null
  openssl x509 -req -in "$tls/$name.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" \
    -CAcreateserial -days 825 -out "$tls/$name.pem" 2>/dev/null \
    -extfile <(printf '%s\n' "subjectAltName=IP:127.0.0.1,DNS:localhost" \
      "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature" \
      "extendedKeyUsage=serverAuth")
  rm -f "$tls/$name.csr"
done
chmod 600 "$tls"/*.key

cat >"$data/server.conf" <<CONF
[http]
address = 127.0.0.1
port = $server_port
tls_cert = $tls/server.pem
tls_key = $tls/server.key
[storage]
path = $data/server.db
[auth]
collector_token_sha256 = $token_hash
secure_cookie = true
CONF
cat >"$data/collector.conf" <<CONF
[http]
address = 127.0.0.1
port = $collector_port
tls_cert = $tls/collector.pem
tls_key = $tls/collector.key
[storage]
path = $data/collector.db
[server]
url = https://127.0.0.1:$server_port
ca_file = $tls/ca.pem
token = $token
[enroll]
token_sha256 = $enroll_hash
[rules]
# The shipped fault rules: a full disk, a failed unit, a silent agent… raise incidents.
file = $root/config/rules.conf
CONF
cat >"$data/agent.conf" <<CONF
[collector]
url = https://127.0.0.1:$collector_port
ca_file = $tls/ca.pem
[agent]
state_dir = $data/agent-state
heartbeat_interval_seconds = 15
CONF

# The first admin: made once by the server's own command (there is no default
# account); its generated password is kept 0600 in ./var/admin-password, and an API
# token for this script's checks in ./var/admin-token.
if [[ ! -s "$data/admin-password" ]]; then
  if ! "$bin/steward-server" user add --config "$data/server.conf" --name admin --role admin \
      --password-file "$data/admin-password"; then
    echo "steward: could not create the admin user (does $data/server.db already have one" \
         "whose password file was deleted? remove $data/server.db to start over)" >&2
    exit 1
  fi
fi
if [[ ! -s "$data/admin-token" ]]; then
  "$bin/steward-server" user token --config "$data/server.conf" --name admin --label run-local \
    >"$data/admin-token"
fi
api_auth="Authorization: Bearer $(cat "$data/admin-token")"

pids=()
cleanup() {
  trap - INT TERM EXIT
  echo >&2
  echo "steward: stopping" >&2
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill -TERM "${pids[i]}" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  echo "steward: stopped (data kept in $data)" >&2
}
trap cleanup INT TERM EXIT

wait_for() {  # wait_for NAME URL LOG
  for _ in $(seq 1 100); do
    curl -fsS --cacert "$tls/ca.pem" -o /dev/null "$2" 2>/dev/null && return 0
    if ! kill -0 "${pids[-1]}" 2>/dev/null; then break; fi
    sleep 0.1
  done
  echo "steward: $1 did not start; last lines of $3:" >&2
  tail -20 "$3" >&2
  exit 1
}

"$bin/steward-server" --config "$data/server.conf" >>"$data/log/server.log" 2>&1 &
pids+=($!)
wait_for steward-server "https://127.0.0.1:$server_port/healthz" "$data/log/server.log"

"$bin/steward-collector" --config "$data/collector.conf" >>"$data/log/collector.log" 2>&1 &
pids+=($!)
wait_for steward-collector "https://127.0.0.1:$collector_port/healthz" "$data/log/collector.log"

if [[ ! -s "$data/agent-state/credential" ]]; then
  "$bin/steward-agent" enroll --config "$data/agent.conf" --token "$enroll_token"
fi
"$bin/steward-agent" run --config "$data/agent.conf" >>"$data/log/agent.log" 2>&1 &
pids+=($!)

host=$(hostname)
for _ in $(seq 1 100); do
  curl -fsS --cacert "$tls/ca.pem" -H "$api_auth" "https://127.0.0.1:$server_port/api/v1/assets?q=$host" 2>/dev/null |
    grep -q "\"hostname\":\"$host\"" && break
  sleep 0.2
done

cat <<MSG

  Steward is running (HTTPS, certificates from the local CA $tls/ca.pem).
    Web UI:              https://127.0.0.1:$server_port/
    Log in as:           admin, password in $data/admin-password (mode 0600)
    REST API:            curl --cacert $tls/ca.pem -H "Authorization: Bearer \$(cat $data/admin-token)" \\
                           https://127.0.0.1:$server_port/api/v1/assets
    Collector:           https://127.0.0.1:$collector_port/healthz
  Browsers do not know the local CA: import $tls/ca.pem or accept the warning.
  This machine ($host) reports through steward-agent every 15 s.
  Everything listens on 127.0.0.1 only. The collector's token for the server is in
  $data/collector-token (mode 0600).
  Logs: $data/log/{server,collector,agent}.log    Ctrl-C stops everything.

MSG
wait "${pids[@]}"
