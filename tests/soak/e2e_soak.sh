#!/usr/bin/env bash
# The end-to-end soak (issue 10). Each iteration enrolls one invented citizen the whole way:
#   chip     `kiosk-cli card sim` (a different synthetic citizen each time) as a vpcd card in a
#            private pcscd, read by `kiosk-cli enroll --from DIR --store` through PC/SC and
#            verified against the test CSCA in the station's trust folder
#   captures portrait and two fingerprints from drawn files (tests/soak/soak_citizen.cpp)
#   paper    a demo paper scanned through SANE's pnm backend (SANE_CONFIG_DIR of our own), OCR
#   seal     into the encrypted store as officer1; then approve + sign as supervisor super1
#   sync     `kiosk-cli sync now` to the reference intake server on 127.0.0.1 (mutual TLS)
# with faults drawn per iteration by a seeded generator (SOAK_SEED reproduces a run):
#   card     the emulated card is pulled at a random APDU and put back 0.6 s later: the reader
#            reads it again by itself, or the read fails with exit 1 (a retriable card error),
#            nothing sealed, and the visit done again seals; or it is pulled and NOT put back:
#            the read fails at once (card_removed), nothing sealed, the visit redone
#   seal     kiosk-cli SIGKILLed at a random moment of the enrollment: the record is in the
#            store whole or not at all (db verify), then the visit is redone if it was not
#   disk     the store's filesystem nearly full (a small tmpfs filled up when run as root, else
#            RLIMIT_FSIZE): the seal fails with exit 1, nothing sealed, nothing lost
#   approve  the supervisor's `batch approve --sign` SIGKILLed at a random moment: the batch is
#            signed or still open (never a signature over a half-decided batch), db verify
#            passes, and approving again finishes it
#   sync     kiosk-cli SIGKILLed mid-upload, or the intake server stopped (sync fails clearly)
#            and started again; the next round sends what is left
# At the end: every approved record is on the server exactly once (its intake.db) and
# acknowledged on the station, every record ever sealed is still in the store, `db verify` and
# `audit verify` pass; counts, faults and time per enrollment are printed.
#   e2e_soak.sh KIOSK_CLI INTAKE_SERVER SOAK_CITIZEN
# Environment: SOAK_COUNT (enrollments) or SOAK_MINUTES (start new ones until then; default 3
# enrollments), SOAK_SEED, SOAK_ALL_FAULTS=1 (iteration 1: card pulled + kill in sync; 2: kill
# in the enrollment + kill in approve + server down; 3: card pulled for good + disk full; then
# random: the short ctest), SOAK_KEEP=1
# (keep the work folder), SOAK_DISK=ulimit (the disk-full fault by RLIMIT_FSIZE even as root).
set -euo pipefail
# One block, read whole before it runs: bash reads a script as it goes, so editing this file (or
# a checkout) during a 15-minute soak would otherwise change the end of the running one.
{
cli=$1
server_bin=$2
citizen_tool=$3
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
source "$here/../support/scripts/pcscd.sh"

count=${SOAK_COUNT:-0}
minutes=${SOAK_MINUTES:-0}
((count > 0 || minutes > 0)) || count=3
seed=${SOAK_SEED:-$(($(date +%s) % 1000000))}
all_faults=${SOAK_ALL_FAULTS:-0}

work=$(mktemp -d /tmp/kiosk-e2e-soak.XXXXXX)
disk=$work/disk  # the store's filesystem
data=$disk/data
server_pid=""
SIM_PID=""
disk_mode=ulimit
fail() {
  echo "e2e soak FAIL (seed $seed, iteration ${iteration:-0}): $*" >&2
  echo "  work folder kept: $work" >&2
  SOAK_KEEP=1
  exit 1
}
sim_stop() {
  if [[ -n "$SIM_PID" ]] && kill -0 "$SIM_PID" 2>/dev/null; then
    kill -TERM "$SIM_PID"
    for _ in $(seq 1 30); do kill -0 "$SIM_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SIM_PID" 2>/dev/null || true
  fi
  # (bash reports "no record of process" itself when the child was already reaped)
  [[ -n "$SIM_PID" ]] && { { wait "$SIM_PID"; } 2>/dev/null || true; }
  SIM_PID=""
}
stop_server() {
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
}
cleanup() {
  sim_stop
  stop_server
  pcscd_stop
  [[ $disk_mode == tmpfs ]] && umount "$disk" 2>/dev/null
  [[ ${SOAK_KEEP:-0} == 1 ]] || rm -rf "$work"
}
trap cleanup EXIT

# The soak's own generator (bash's RANDOM is also used for ports and would shift the sequence).
rng=$seed
rand() {  # rand N: R in [0, N)
  rng=$(((rng * 1103515245 + 12345) % 2147483648))
  R=$(((rng >> 8) % $1))
}
json_get() {  # json_get FILE EXPR: a Python expression over d
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}

# --- the station: its store on a filesystem we can fill, devices, accounts, provisioning ------
mkdir -p "$disk"
if [[ ${SOAK_DISK:-tmpfs} == tmpfs && $EUID -eq 0 ]] &&
   mount -t tmpfs -o size=768m,mode=700 tmpfs "$disk" 2>/dev/null; then
  disk_mode=tmpfs
fi
mkdir -p "$data" "$work/config/kiosk-station" "$work/sane" "$work/visits"
chmod 700 "$data"
export XDG_CONFIG_HOME=$work/config KIOSK_DATA_DIR=$data KIOSK_LANG=en SANE_CONFIG_DIR=$work/sane
# Models (face checks, OCR) and catalogs from the checkout and the build, as ctest sets them.
export KIOSK_RESOURCE_DIR=${KIOSK_RESOURCE_DIR:-$root/resources}
export KIOSK_LOCALE_DIR=${KIOSK_LOCALE_DIR:-$(cd "$(dirname "$cli")/../.." && pwd)/locale}
echo pnm >"$work/sane/dll.conf"
pw_admin='Admin#2026so' pw_officer='Canbo#2026so' pw_super='Duyet#2026so' pw_tech='Kythuat#2026so'

pcscd_require_absent
PCSCD_LOG=$work/pcscd.log pcscd_start || fail "pcscd did not start"
"$cli" card sim --make-pki "$work/chip-pki" >/dev/null
mkdir -p "$data/trust"
cp "$work/chip-pki"/csca/*.pem "$data/trust/"

KIOSK_NEW_PASSWORD=$pw_admin "$cli" user add admin --role administrator >/dev/null
add_user() {  # name role password
  KIOSK_PASSWORD=$pw_admin KIOSK_NEW_PASSWORD='Temp#2026so' "$cli" user add "$1" --role "$2" \
    --user admin >/dev/null
  KIOSK_PASSWORD='Temp#2026so' KIOSK_NEW_PASSWORD=$3 "$cli" user change-password --user "$1" >/dev/null
}
add_user officer1 officer "$pw_officer"
add_user super1 supervisor "$pw_super"
add_user tech1 technician "$pw_tech"

port=""
for _ in $(seq 50); do
  candidate=$((20000 + RANDOM % 40000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
done
[[ -n $port ]] || fail "no free port"
"$server_bin" pki init "$work/central" >/dev/null
csr=$("$cli" station init --id ST-SOAK-E2E --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["csr_file"])')
"$server_bin" pki issue "$csr" --dir "$work/central" --out "$work/station.pem" >/dev/null
cat >"$work/config/kiosk-station/station.json" <<JSON
{"server": {"url": "https://127.0.0.1:$port", "ca_file": "$work/central/ca.pem", "timeout_seconds": 10}}
JSON
"$cli" station import-cert "$work/station.pem" >/dev/null
start_server() {
  "$server_bin" serve --dir "$work/central" --port "$port" >>"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.05
  done
  fail "the intake server did not start"
}
start_server

# --- helpers -------------------------------------------------------------------------------------
sim_start() {  # citizen.json [sim options…]
  local citizen=$1
  shift
  rm -f "$work/sim.json"  # else the wait below may see the last card's data: the & child truncates late
  "$cli" card sim --pki "$work/chip-pki" --citizen "$citizen" --json "$@" >"$work/sim.json" 2>"$work/sim.err" &
  SIM_PID=$!
  for _ in $(seq 1 600); do [[ -s "$work/sim.json" ]] && break; sleep 0.1; done
  [[ -s "$work/sim.json" ]] || fail "card sim printed no access data: $(cat "$work/sim.err")"
}
record_numbers() {  # every record in the store, one per line
  KIOSK_PASSWORD=$pw_tech "$cli" records list --user tech1 --json >"$work/records.json" ||
    fail "records list: $(cat "$work/records.json")"
  python3 -c 'import json,sys; [print(r["record_number"]) for r in json.load(open(sys.argv[1]))]' "$work/records.json"
}
db_verify() {
  KIOSK_PASSWORD=$pw_tech "$cli" db verify --user tech1 >"$work/verify.out" 2>&1 ||
    fail "db verify after $1: $(cat "$work/verify.out")"
}
attempt=0
enroll() {  # dir [extra wrapper…]: runs the visit; sets rc, out
  local dir=$1
  attempt=$((attempt + 1))
  out=$work/enroll.$attempt.json
  set +e
  KIOSK_PASSWORD=$pw_officer "$cli" --lang en enroll --from "$dir" --drafts "$dir/drafts.$attempt" \
    --store --user officer1 --json >"$out" 2>"$out.err"
  rc=$?
  set -e
}
fill_disk() {  # leaves about 64 KiB free on the store's filesystem
  if [[ $disk_mode == tmpfs ]]; then
    local free
    free=$(df --output=avail -B1 "$disk" | tail -1)
    fallocate -l $((free - 65536)) "$disk/filler" || dd if=/dev/zero of="$disk/filler" bs=64k \
      count=$(((free - 65536) / 65536)) status=none
  fi
}
free_disk() { rm -f "$disk/filler"; }
kill_after() {  # kill_after MS OUT COMMAND…: COMMAND (stdout and stderr to OUT) SIGKILLed after MS ms
  local ms=$1 out=$2 victim
  shift 2
  "$@" >"$out" 2>&1 &
  victim=$!
  sleep "$((ms / 1000)).$(printf %03d $((ms % 1000)))"
  kill -KILL "$victim" 2>/dev/null || true
  wait "$victim" 2>/dev/null || true
}
# The card is genuine and verified: the core raised no chip flag on the sealed record.
check_chip_flags() {
  local chip
  chip=$(json_get "$out" '[f for f in d["review_flags"] if f.startswith("chip_") or f.endswith("_not_passed")]')
  [[ $chip == "[]" ]] || fail "record $number sealed with chip flags $chip: $(cat "$out")"
}
# The batch's records still to decide, as --record arguments (in the array `approve`).
approve_args() {  # batch
  KIOSK_PASSWORD=$pw_super "$cli" batch show "$1" --user super1 --json >"$work/batch.json" ||
    fail "batch show: $(cat "$work/batch.json")"
  mapfile -t approve < <(python3 -c 'import json,sys
for r in json.load(open(sys.argv[1]))["records"]:
    if r["status"] == "sealed": print("--record"); print(r["record_number"])' "$work/batch.json")
}
# A visit that must not seal (card pulled, disk full): exit 1 (not a signal), one line, no record.
expect_refused() {  # what
  ((rc == 1)) || fail "$1: enroll exit $rc (expected 1): $(cat "$out" "$out.err")"
  [[ $(json_get "$out" 'd["ok"]') == False ]] || fail "$1: no JSON failure: $(cat "$out")"
  local now
  now=$(record_numbers | wc -l)
  ((now == sealed_total)) || fail "$1: the store holds $now records, expected $sealed_total"
}

papers=(gplx bhyt vehicle mst)
sealed_total=0
declare -a all_numbers=()
n_pull=0 n_pull_recovered=0 n_gone=0 n_kill_approve=0 n_kill_approve_signed=0 n_kill_seal=0 n_kill_seal_committed=0 n_disk=0 n_kill_sync=0 n_down=0
n_sync_rounds=0
enroll_ms=0 enroll_runs=0 approve_ms=0 approve_runs=0
start=$SECONDS
deadline=$((start + minutes * 60))
echo "e2e soak: seed $seed (SOAK_SEED=$seed reproduces the faults), disk-full fault by $disk_mode," \
  "$( ((count > 0)) && echo "$count enrollments" || echo "$minutes minutes")"

iteration=0
while :; do
  if ((count > 0)); then ((iteration < count)) || break; else ((SECONDS < deadline)) || break; fi
  iteration=$((iteration + 1))
  iter_start=$SECONDS
  # Faults for this visit: one draw each, always, so a seed gives the same plan.
  rand 100; f_pull=$((R < 20))
  rand 100; f_seal=none; ((R < 12)) && f_seal=disk; ((R >= 12 && R < 30)) && f_seal=kill
  rand 100; f_sync=none; ((R < 15)) && f_sync=down; ((R >= 15 && R < 35)) && f_sync=kill
  rand 20; pull_at=$((3 + R))  # a read is about 25 APDUs
  rand 1000; kill_fraction=$((200 + R))   # per mille of a typical enrollment
  rand 1400; sync_kill_ms=$((100 + R))
  # (drawn after the others, so a seed of an older soak still gives the same faults above)
  rand 100; f_gone=$((f_pull && R < 35))
  rand 100; f_approve=$((R < 15))
  rand 1000; approve_kill_fraction=$((150 + R))  # per mille of a typical approval
  if [[ $all_faults == 1 ]]; then
    case $iteration in
      1) f_pull=1 f_gone=0 f_seal=none f_approve=0 f_sync=kill ;;
      2) f_pull=0 f_gone=0 f_seal=kill f_approve=1 f_sync=down ;;
      3) f_pull=1 f_gone=1 f_seal=disk f_approve=0 f_sync=none ;;
    esac
  fi
  dir=$work/visits/$iteration
  paper=${papers[$((iteration % ${#papers[@]}))]}
  id=$("$citizen_tool" "$dir" "$(((seed % 1000) * 1000 + iteration))" \
    "$root/resources/demo/papers/$paper.png" "$paper") || fail "soak_citizen"
  echo "[$iteration] citizen $id, paper $paper; faults: card $( ((f_pull)) && echo "pulled@$pull_at$( ((f_gone)) && echo ",gone")" || echo -), seal $f_seal, approve $( ((f_approve)) && echo kill || echo -), sync $f_sync"

  # 1. Card pulled during the read, put back 0.6 s later. The reader either reads it again by
  # itself (a fresh session: the visit seals) or refuses clearly (a retriable card error, exit 1,
  # nothing sealed) and the visit done again seals. Never a half-sealed or unverified record.
  number=""
  if ((f_gone)); then
    # Pulled and not put back (the emulator stays off the reader until stopped): the read must
    # fail at once, naming the removal, never wait for an answer or seal anything.
    sim_start "$dir/citizen.json" --pull-at "$pull_at" --reinsert-ms 600000
    enroll "$dir"
    n_pull=$((n_pull + 1)) n_gone=$((n_gone + 1))
    expect_refused "card pulled for good at APDU $pull_at"
    [[ $(json_get "$out" 'd["error"] == "card_removed" and d["retriable"]') == True ]] ||
      fail "card pulled for good: not a retriable removal: $(cat "$out" "$out.err")"
    echo "    card pulled for good at APDU $pull_at: refused (card_removed), visit redone"
    sim_stop
    sleep 0.5
  elif ((f_pull)); then
    sim_start "$dir/citizen.json" --pull-at "$pull_at"
    enroll "$dir"
    n_pull=$((n_pull + 1))
    if ((rc == 0)); then
      number=$(json_get "$out" 'd["record_number"]')
      check_chip_flags
      n_pull_recovered=$((n_pull_recovered + 1))
      echo "    card pulled at APDU $pull_at: the reader read it again, sealed as $number"
    else
      expect_refused "card pulled at APDU $pull_at"
      [[ $(json_get "$out" 'd["error"] in ("card_removed", "card_error") and d["retriable"]') == True ]] ||
        fail "card pulled: not a retriable card error: $(cat "$out" "$out.err")"
      echo "    card pulled at APDU $pull_at: refused ($(json_get "$out" 'd["error"]')), visit redone"
    fi
    sim_stop
    sleep 0.5
  fi
  sim_start "$dir/citizen.json"

  # 2. Seal faults. Then the visit until it is sealed.
  if [[ -n $number ]]; then
    :  # sealed already (a card pulled and read again)
  elif [[ $f_seal == disk ]]; then
    if [[ $disk_mode == tmpfs ]]; then
      fill_disk
      enroll "$dir"
      free_disk
    else
      # No filesystem of our own: every file kiosk-cli writes stops at 256 KiB (SIGXFSZ ignored,
      # so writes fail with EFBIG as they would with ENOSPC).
      set +e
      (trap '' XFSZ; ulimit -f 256; KIOSK_PASSWORD=$pw_officer exec "$cli" --lang en enroll \
        --from "$dir" --drafts "$dir/drafts.full" --store --user officer1 --json) \
        >"$work/enroll.full.json" 2>"$work/enroll.full.json.err"
      rc=$?
      set -e
      out=$work/enroll.full.json
    fi
    expect_refused "disk nearly full"
    echo "    disk nearly full: refused ($(json_get "$out" 'd["error"]')): $(head -1 "$out.err")"
    db_verify "disk full"
    n_disk=$((n_disk + 1))
  elif [[ $f_seal == kill ]]; then
    typical=$((enroll_runs > 0 ? enroll_ms / enroll_runs : 8000))
    delay_ms=$((typical * kill_fraction / 1000))
    kill_after "$delay_ms" "$work/enroll.killed.json" env KIOSK_PASSWORD="$pw_officer" \
      "$cli" --lang en enroll --from "$dir" --drafts "$dir/drafts.killed" --store --user officer1 --json
    n_kill_seal=$((n_kill_seal + 1))
    db_verify "a kill during the enrollment"
    mapfile -t now < <(record_numbers)
    if ((${#now[@]} == sealed_total + 1)); then
      # Killed after the seal committed: the record is whole in the store; the visit is done.
      number=${now[-1]}
      n_kill_seal_committed=$((n_kill_seal_committed + 1))
      echo "    killed after ${delay_ms} ms: already sealed as $number"
    elif ((${#now[@]} != sealed_total)); then
      fail "after a kill the store holds ${#now[@]} records, expected $sealed_total or one more"
    else
      echo "    killed after ${delay_ms} ms: nothing sealed, visit redone"
    fi
    sim_stop
    sleep 0.5
    sim_start "$dir/citizen.json"
  fi
  if [[ -z $number ]]; then
    t0=$(date +%s%N)
    enroll "$dir"
    t1=$(date +%s%N)
    ((rc == 0)) || fail "enroll exit $rc: $(cat "$out" "$out.err")"
    number=$(json_get "$out" 'd["record_number"]')
    [[ $(json_get "$out" 'd["ok"]') == True ]] || fail "enroll: $(cat "$out")"
    check_chip_flags
    enroll_ms=$((enroll_ms + (t1 - t0) / 1000000))
    enroll_runs=$((enroll_runs + 1))
  fi
  sim_stop
  sealed_total=$((sealed_total + 1))
  all_numbers+=("$number")

  # 3. The supervisor approves and signs today's open batch. Every record carries review flags
  # (no face matcher yet: "portrait not compared"), so each is approved by name, never in bulk.
  KIOSK_PASSWORD=$pw_super "$cli" batch list --user super1 --json >"$work/batches.json"
  batch=$(json_get "$work/batches.json" '[b["batch"] for b in d if not b["signed"]][0]')
  signed=False
  if ((f_approve)); then
    # Killed mid-approval: the batch is signed whole or still open, and the store verifies.
    # The moment is a fraction of a typical approval here (sign-in, decisions, signature).
    typical=$((approve_runs > 0 ? approve_ms / approve_runs : 600))
    approve_kill_ms=$((typical * approve_kill_fraction / 1000))
    approve=(--record "$number")  # the open batch holds this visit's record only
    kill_after "$approve_kill_ms" "$work/approve.killed.json" env KIOSK_PASSWORD="$pw_super" \
      "$cli" batch approve "$batch" "${approve[@]}" --sign --user super1 --json
    n_kill_approve=$((n_kill_approve + 1))
    db_verify "a kill during the approval"
    KIOSK_PASSWORD=$pw_super "$cli" batch list --user super1 --json >"$work/batches.json"
    signed=$(json_get "$work/batches.json" "[b['signed'] for b in d if b['batch'] == $batch][0]")
    if [[ $signed == True ]]; then
      awaiting=$(json_get "$work/batches.json" "[b['awaiting_decision'] for b in d if b['batch'] == $batch][0]")
      ((awaiting == 0)) || fail "batch $batch signed with $awaiting records undecided after a kill"
      n_kill_approve_signed=$((n_kill_approve_signed + 1))
      echo "    approval killed after ${approve_kill_ms} ms: batch $batch already signed"
    else
      echo "    approval killed after ${approve_kill_ms} ms: batch $batch still open, approved again"
    fi
  fi
  if [[ $signed != True ]]; then
    # The open batch holds this visit's record only; after a killed approval, what is still sealed.
    if ((f_approve)); then approve_args "$batch"; else approve=(--record "$number"); fi
    t0=$(date +%s%N)
    KIOSK_PASSWORD=$pw_super "$cli" batch approve "$batch" "${approve[@]}" --sign --user super1 --json >"$work/approve.json" ||
      fail "approve: $(cat "$work/approve.json")"
    approve_ms=$((approve_ms + ($(date +%s%N) - t0) / 1000000)) approve_runs=$((approve_runs + 1))
  fi

  # 4. Sync faults, then rounds until the outbox is empty.
  if [[ $f_sync == kill ]]; then
    kill_after "$sync_kill_ms" /dev/null "$cli" --lang en sync now --budget 30 --json
    n_kill_sync=$((n_kill_sync + 1))
  elif [[ $f_sync == down ]]; then
    stop_server
    set +e
    "$cli" --lang en sync now --budget 2 --json >"$work/sync.down.json" 2>&1
    rc=$?
    set -e
    ((rc == 1)) || fail "sync with the server down: exit $rc: $(cat "$work/sync.down.json")"
    start_server
    n_down=$((n_down + 1))
  fi
  synced=""
  for _ in 1 2 3; do
    n_sync_rounds=$((n_sync_rounds + 1))
    if "$cli" --lang en sync now --budget 60 --json >"$work/sync.json" 2>"$work/sync.err"; then
      synced=yes
      break
    fi
    sleep 1
  done
  [[ -n $synced ]] || fail "sync did not empty the outbox: $(cat "$work/sync.json" "$work/sync.err")"
  echo "    $number sealed, approved, on the server ($((SECONDS - iter_start)) s)"
done
elapsed=$((SECONDS - start))

# --- the end checks ------------------------------------------------------------------------------
iteration=end
mapfile -t in_store < <(record_numbers)
((${#in_store[@]} == sealed_total)) || fail "${#in_store[@]} records in the store, $sealed_total sealed"
for number in "${all_numbers[@]}"; do
  printf '%s\n' "${in_store[@]}" | grep -qx "$number" || fail "$number was sealed and is gone"
done
approved=$(python3 -c '
import json, sys
done = {"queued", "sent", "acknowledged", "received_for_processing", "not_accepted", "central_approved"}
print(sum(1 for r in json.load(open(sys.argv[1])) if r["status"] in done))' "$work/records.json")
((approved == sealed_total)) || fail "$approved of $sealed_total records approved and queued"
intake=$work/central/intake.db
stored=$(sqlite3 "$intake" "SELECT count(*) FROM packets")
distinct=$(sqlite3 "$intake" "SELECT count(DISTINCT packet_id) FROM packets")
replays=$(sqlite3 "$intake" "SELECT count(*) FROM audit WHERE event = 'packet_replayed'")
((stored == approved && distinct == approved)) ||
  fail "$stored packets ($distinct distinct) on the server for $approved approved records"
for number in "${all_numbers[@]}"; do
  [[ $(sqlite3 "$intake" "SELECT count(*) FROM packets WHERE packet_id = '$number'") -eq 1 ]] ||
    fail "$number is not on the server exactly once"
done
"$cli" --lang en sync status --json >"$work/status.json"
[[ $(json_get "$work/status.json" 'd["acknowledged"]') -eq $approved ]] ||
  fail "not all acknowledged: $(cat "$work/status.json")"
[[ $(json_get "$work/status.json" 'd["queued"] + d["parked"] + d["awaiting_packaging"]') -eq 0 ]] ||
  fail "the outbox is not empty: $(cat "$work/status.json")"
db_verify "the soak"
KIOSK_PASSWORD=$pw_tech "$cli" audit verify --user tech1 --json >"$work/audit.json" ||
  fail "audit verify: $(cat "$work/audit.json")"
[[ $(json_get "$work/audit.json" 'd["ok"]') == True ]] || fail "audit verify: $(cat "$work/audit.json")"

visits=${#all_numbers[@]}
per=$((visits > 0 ? elapsed / visits : 0))
typical=$((enroll_runs > 0 ? enroll_ms / enroll_runs : 0))
echo "e2e soak: $sealed_total enrollments in $elapsed s ($per s per visit, of which $((typical / 1000)).$(printf %03d $((typical % 1000))) s in kiosk-cli enroll);" \
  "faults: card pulled $n_pull ($n_pull_recovered read again by the reader, $n_gone not put back), killed in enrollment $n_kill_seal" \
  "($n_kill_seal_committed after the seal), killed in approval $n_kill_approve ($n_kill_approve_signed after the signature)," \
  "disk full $n_disk ($disk_mode), killed in sync $n_kill_sync," \
  "server down $n_down; $n_sync_rounds sync rounds, $replays re-uploads answered with the original receipt;" \
  "$approved approved records on the server exactly once, db verify + audit verify ok; seed $seed"
exit
}
