#!/usr/bin/env bash
# The sync soak (issue 10): `kiosk-cli sync now` is SIGKILLed mid-upload SOAK_KILLS times
# (default 20) against the reference intake server on 127.0.0.1; the server is also stopped and
# started again now and then. At the end every approved record must be on the server exactly
# once, acknowledged on the station, and `db verify` / `audit verify` must pass.
#   sync_soak.sh KIOSK_CLI INTAKE_SERVER SEED_TOOL
# Environment: SOAK_KILLS (default 20), SOAK_RECORDS (default 25), SOAK_IMAGE_BYTES (default
# 1500000: about the size of a real enrollment, so a kill lands mid-body).
set -euo pipefail
cli=$1
server_bin=$2
seed=$3
kills=${SOAK_KILLS:-20}
records=${SOAK_RECORDS:-25}
image_bytes=${SOAK_IMAGE_BYTES:-1500000}

work=$(mktemp -d)
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "sync soak FAIL: $*" >&2; exit 1; }

# A free port on loopback: a random one nothing answers on.
port=
for _ in $(seq 50); do
  candidate=$((20000 + RANDOM % 40000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
done
[[ -n $port ]] || fail "no free port"
"$server_bin" pki init "$work/pki" >/dev/null
cat >"$work/register.json" <<'JSON'
{"citizens": [{"id_number": "001099012345", "full_name": "Nguyễn Thị Mẫu", "date_of_birth": "1990-02-03"}]}
JSON
start_server() {
  "$server_bin" serve --dir "$work/pki" --port "$port" --register "$work/register.json" \
    >>"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.05
  done
  fail "the intake server did not start"
}
stop_server() {
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=
}

mapfile -t numbers < <("$seed" "$work/data" "$work/pki" "$records" "$image_bytes")
[[ ${#numbers[@]} -eq $records ]] || fail "seeding gave ${#numbers[@]} records"
mkdir -p "$work/config/kiosk-station"
cat >"$work/config/kiosk-station/station.json" <<JSON
{"data_dir": "$work/data",
 "server": {"url": "https://127.0.0.1:$port", "ca_file": "$work/pki/ca.pem", "timeout_seconds": 10}}
JSON
export XDG_CONFIG_HOME=$work/config KIOSK_DATA_DIR=$work/data KIOSK_LANG=en
start_server

start=$SECONDS
for ((i = 1; i <= kills; i++)); do
  if ((i % 7 == 0)); then  # now and then the server goes down during a round, then comes back
    "$cli" --lang en sync now --budget 2 --json >/dev/null 2>&1 &
    pid=$!
    sleep 0.$((RANDOM % 5 + 1))
    stop_server
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    start_server
    continue
  fi
  "$cli" --lang en sync now --budget 30 --json >/dev/null 2>&1 &
  pid=$!
  # Between 0.1 and 1.2 s: packaging, the TLS handshake or the middle of a body.
  sleep "$((RANDOM % 12 / 10)).$((RANDOM % 10))1"
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
done

"$cli" --lang en sync now --budget 120 --json >"$work/final.json" || {
  cat "$work/final.json" >&2
  fail "the last sync did not finish"
}
stored=$(sqlite3 "$work/pki/intake.db" "SELECT count(*) FROM packets")
stored_events=$(sqlite3 "$work/pki/intake.db" "SELECT count(*) FROM audit WHERE event = 'packet_stored'")
replays=$(sqlite3 "$work/pki/intake.db" "SELECT count(*) FROM audit WHERE event = 'packet_replayed'")
[[ $stored -eq $records ]] || fail "$stored packets on the server for $records records"
[[ $stored_events -eq $records ]] || fail "$stored_events packets stored for $records records (one store each)"
for number in "${numbers[@]}"; do
  [[ $(sqlite3 "$work/pki/intake.db" "SELECT count(*) FROM packets WHERE packet_id = '$number'") -eq 1 ]] ||
    fail "$number is not on the server exactly once"
done
status=$("$cli" --lang en sync status --json)
grep -q "\"acknowledged\": $records" <<<"$status" || fail "not all acknowledged: $status"
export KIOSK_PASSWORD='Mine#2026cd'
"$cli" --lang en db verify --user tech1 >/dev/null || fail "db verify"
grep -q '"ok": true' <<<"$("$cli" --lang en audit verify --user tech1 --json)" || fail "audit verify"
echo "sync soak: $kills kills, $records records stored exactly once ($replays re-uploads answered with the original receipt) in $((SECONDS - start)) s"
