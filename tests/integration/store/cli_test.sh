#!/usr/bin/env bash
# End to end through kiosk-cli: bootstrap, operators, settings, review and signature of a batch, verify,
# backup, and tampering detected by `audit verify` and `db verify`.
#   cli_test.sh KIOSK_CLI SEED_TOOL
set -euo pipefail
cli=$1
seed=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export KIOSK_DATA_DIR=$work/data KIOSK_LANG=en
unset KIOSK_PASSWORD KIOSK_NEW_PASSWORD
fail() { echo "FAIL: $*" >&2; exit 1; }
run() { "$cli" --lang en "$@"; }

KIOSK_NEW_PASSWORD='Admin#2026x' run user add admin --role administrator >/dev/null
# A second bootstrap is refused.
KIOSK_NEW_PASSWORD='Admin#2026x' run user add admin2 --role administrator 2>/dev/null && fail "second bootstrap"
export KIOSK_PASSWORD='Admin#2026x'
for u in officer1:officer super1:supervisor tech1:technician; do
  KIOSK_NEW_PASSWORD='Temp#2026ab' run user add "${u%%:*}" --role "${u##*:}" --user admin >/dev/null
  printf 'Temp#2026ab\nMine#2026cd\n' |
    run user change-password --user "${u%%:*}" --password-stdin --new-password-stdin >/dev/null
done
grep -q '"officer1"' <<<"$(run user list --user admin --json)" || fail "user list"
run user lock officer1 --user admin >/dev/null
KIOSK_PASSWORD='Mine#2026cd' run records list --user officer1 2>/dev/null && fail "locked user listed"
run user unlock officer1 --user admin >/dev/null

export KIOSK_PASSWORD='Mine#2026cd'
# Settings: the technician provisions the station id; officers may not; record numbers carry it.
grep -q '"station.id"' <<<"$(run settings list --user tech1 --json)" || fail "settings list"
run settings set station.id ST-CLI-01 --user officer1 2>/dev/null && fail "officer changed a setting"
run settings set station.id 'bad id' --user tech1 2>/dev/null && fail "invalid station id accepted"
run settings set station.id ST-CLI-01 --user tech1 >/dev/null
[[ $(run settings get station.id --user tech1) == ST-CLI-01 ]] || fail "settings get"
mapfile -t records < <("$seed" "$KIOSK_DATA_DIR" 3)
[[ ${#records[@]} -eq 3 ]] || fail "seeding"
[[ ${records[0]} == ST-CLI-01-20??????-00001 && ${records[2]} == ST-CLI-01-*-00003 ]] ||
  fail "record numbers: ${records[*]}"
[[ $(grep -c '"record_number"' <<<"$(run records list --user officer1 --status sealed --json)") -eq 3 ]] || fail "records list"
# Officers may not approve; technicians may not either.
run batch approve 1 --user officer1 2>/dev/null && fail "officer approved"
run batch approve 1 --user tech1 2>/dev/null && fail "technician approved"
grep -q '"approved": 2' <<<"$(run batch approve 1 --user super1 --json)" || fail "bulk approve skips flagged"
run batch sign 1 --user super1 2>/dev/null && fail "signed with a flagged record undecided"
run batch reject 1 --record "${records[1]}" --reason "chip warning confirmed" --user super1 >/dev/null
run batch sign 1 --user super1 >/dev/null
grep -q '"signed": true' <<<"$(run batch show 1 --user super1 --json)" || fail "batch show"
[[ $(grep -c '"record_number"' <<<"$(run records list --user tech1 --status queued --json)") -eq 2 ]] || fail "queued"
run db verify --user tech1 >/dev/null || fail "db verify"
grep -q '"ok": true' <<<"$(run audit verify --user tech1 --json)" || fail "audit verify"
grep -q '"batch.sign"' <<<"$(run audit export --user super1 --json)" || fail "audit export"
grep -q "'ST-CLI-01'" <<<"$(run audit export --user super1 --json)" || fail "settings change audited"
# Device commands audit what they did (no citizen data) in the station's store.
here=$(cd "$(dirname "$0")" && pwd)
run paper read --type bhyt --image "$here/../../../resources/demo/papers/bhyt.png" >/dev/null 2>&1 || true
grep -q '"paper.scan"' <<<"$(run audit export --user super1 --json)" || fail "paper scan audited"
run audit export --user tech1 2>/dev/null && fail "technician exported the audit"
run db backup "$work/backup.db" --user tech1 >/dev/null
[[ -s $work/backup.db ]] || fail "backup"
! grep -q "SYNTHETIC CLI" "$work/backup.db" "$KIOSK_DATA_DIR"/station.db* || fail "plaintext on disk"

# Tampering, as someone with the sqlite3 shell would do it.
sqlite3 "$KIOSK_DATA_DIR/station.db" "DROP TRIGGER audit_log_no_update;
  UPDATE audit_log SET outcome = 'denied' WHERE seq = 5;"
out=$(run audit verify --user tech1 --json) && fail "tampered audit verified"
grep -q '"first_bad_entry": 5' <<<"$out" || fail "first bad entry: $out"
run db verify --user tech1 2>/dev/null && fail "db verify passed a tampered log"
echo "cli_test: ok"
