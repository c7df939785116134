#!/usr/bin/env bash
# kiosk-cli card sim + card read through the real PC/SC stack: the emulator runs as a child
# process (a vpcd card), `card read --json` reads and verifies it (verdict and reasons), every
# emulated attack reads "not genuine" with its reason, a wrong key fails with one line, and a
# card pulled mid-read fails retriably then reads again. Everything stopped by PID.
set -euo pipefail
cli=$1
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../../support/scripts/pcscd.sh"

work=$(mktemp -d)
SIM_PID=""
sim_stop() {
  if [[ -n "$SIM_PID" ]] && kill -0 "$SIM_PID" 2>/dev/null; then
    kill -TERM "$SIM_PID"
    for _ in $(seq 1 30); do kill -0 "$SIM_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SIM_PID" 2>/dev/null || true
    wait "$SIM_PID" 2>/dev/null || true
  fi
  SIM_PID=""
}
trap 'sim_stop; pcscd_stop; rm -rf "$work"' EXIT
export KIOSK_DATA_DIR=$work/data XDG_CONFIG_HOME=$work/config KIOSK_LANG=en
fail() { echo "FAIL: $*"; exit 1; }

pcscd_require_absent
"$cli" card sim --make-pki "$work/pki" >/dev/null
PCSCD_LOG=$work/pcscd.log pcscd_start

sim_start() {
  rm -f "$work/sim.json"  # else the wait below may see the last card's data: the & child truncates late
  "$cli" card sim --pki "$work/pki" --json "$@" >"$work/sim.json" 2>"$work/sim.err" &
  SIM_PID=$!
  for _ in $(seq 1 600); do [[ -s "$work/sim.json" ]] && break; sleep 0.1; done
  [[ -s "$work/sim.json" ]] || fail "card sim printed no access data"
}
key() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["mrz_key"])' "$work/sim.json"; }

# 1. A full read, verified against the test CSCA.
sim_start
"$cli" card read --mrz-key "$(key)" --trust "$work/pki/csca" --json >"$work/read.json" \
  || { cat "$work/read.json"; fail "card read failed"; }
python3 - "$work/read.json" "$work/sim.json" <<'PY'
import json, sys
doc, sim = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert doc["ok"] and doc["identity"]["id_number"] == sim["id_number"], doc["identity"]
assert doc["verification"]["passive"]["status"] == "valid", doc["verification"]["passive"]
assert doc["verification"]["active"]["status"] == "passed", doc["verification"]["active"]
assert doc["verification"]["overall"] == "genuine", doc["verification"]["reasons"]
assert doc["verification"]["reasons"][0]["code"] == "proved_key", doc["verification"]["reasons"]
assert doc["verification"]["sod_data_groups"] == [1, 2, 3, 13, 14, 15], doc["verification"]
assert doc["access_protocol"] == "PACE", doc["access_protocol"]
assert doc["apdus"] > 0 and doc["bytes"] > 10000 and len(doc["identity"]["mrz"]) == 3
print("read:", doc["apdus"], "APDUs,", doc["bytes"], "bytes,", doc["ms"], "ms")
PY

# 1b. The CAN alone (PACE), with a document-signer certificate dropped in the trust folder next
# to nothing else: it must not be an anchor, so the chip is "not verifiable", never "valid".
can() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["can"])' "$work/sim.json"; }
mkdir -p "$work/ds-only"
cp "$work/pki/ds/ds.pem" "$work/ds-only/"
"$cli" card read --can "$(can)" --trust "$work/ds-only" --json >"$work/can.json" \
  || { cat "$work/can.json"; fail "card read --can failed"; }
python3 - "$work/can.json" "$work/sim.json" <<'PY'
import json, sys
doc, sim = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert doc["access_protocol"] == "PACE" and doc["identity"]["id_number"] == sim["id_number"], doc
assert doc["verification"]["passive"]["status"] == "not_verifiable", doc["verification"]["passive"]
assert not doc["verification"]["genuine"]
assert doc["verification"]["overall"] == "not_verifiable", doc["verification"]["reasons"]
assert doc["verification"]["reasons"][0]["code"] == "passive_no_trusted_csca", doc["verification"]["reasons"]
assert len(doc["trust_rejected"]) == 1, doc["trust_rejected"]
PY
set +e
"$cli" card read --can 000000 --wait 5 >"$work/wrong-can.out" 2>"$work/wrong-can.err"
rc=$?
set -e
[[ $rc -eq 1 ]] || fail "wrong CAN exit code $rc"
grep -q "CAN" "$work/wrong-can.err" || { cat "$work/wrong-can.err"; fail "no CAN recheck message"; }

# 2. A wrong key: exit 1, one line naming the fields to recheck.
set +e
"$cli" card read --mrz-key 095012345:950314:991231 --wait 5 >"$work/wrong.out" 2>"$work/wrong.err"
rc=$?
set -e
[[ $rc -eq 1 ]] || fail "wrong key exit code $rc"
grep -q "date of birth" "$work/wrong.err" || { cat "$work/wrong.err"; fail "no recheck message"; }
sim_stop
sleep 1

# 2b. A BAC-only card is read with BAC.
sim_start --bac-only
"$cli" card read --mrz-key "$(key)" --json >"$work/bac.json" || { cat "$work/bac.json"; fail "BAC-only read"; }
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["access_protocol"] == "BAC", d["access_protocol"]' "$work/bac.json"
sim_stop
sleep 1

# 2c. Attacks of the emulator read "not genuine" with their reason, in the JSON and as exit 1
# (a forged or cloned chip fails the command); the officer still sees the identity. Every
# attack is read through pcscd by ChipOverPcsc.EveryAttack_IsNotGenuineWithItsReason; here one
# of each kind (a hidden group, a revoked signer with its CRL in the trust folder, no SOD), as
# each `card sim` start costs seconds.
all_attacks=$("$cli" card sim --list-attacks)
for attack in clone-hides-keys revoked-ds no-sod; do
  grep -qx "$attack" <<<"$all_attacks" || fail "card sim --list-attacks lacks $attack"
done
for attack in clone-hides-keys revoked-ds no-sod; do
  sim_start --attack "$attack"
  set +e
  "$cli" card read --mrz-key "$(key)" --trust "$work/pki/csca" --json >"$work/attack.json" 2>"$work/attack.err"
  rc=$?
  set -e
  [[ $rc -eq 1 ]] || { cat "$work/attack.json" "$work/attack.err"; fail "$attack: exit $rc, expected 1"; }
  python3 - "$work/attack.json" "$work/sim.json" "$attack" <<'PY'
import json, sys
doc, sim, attack = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3]
expected = {"clone-hides-keys": "data_group_withheld", "clone-hides-keys-plain": "data_group_withheld",
            "refuse-aa": "active_authentication", "clone-key": "chip_authentication",
            "ca-bad-mac": "chip_authentication", "revoked-ds": "passive_signer_revoked",
            "com-mismatch": "com_mismatch", "no-sod": "no_security_object"}[attack]
v = doc["verification"]
codes = [r["code"] for r in v["reasons"]]
assert v["overall"] == "not_genuine", (attack, v["reasons"])
assert expected in codes, (attack, codes)
assert all(r["reason"] and r["reason_vi"] for r in v["reasons"]), v["reasons"]
assert doc["identity"]["id_number"] == sim["id_number"], (attack, doc["identity"])
print(f"{attack}: not_genuine {codes}")
PY
  sim_stop
  rm -f "$work/pki/csca/"revoked-*.crl
  sleep 1
done

# 3. Pulled at the 10th APDU: a retriable failure, then the card is back and reads.
sim_start --pull-at 10 --short-only
set +e
"$cli" card read --mrz-key "$(key)" --json >"$work/pulled.json" 2>/dev/null
rc=$?
set -e
read_ok=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["ok"])' "$work/pulled.json")
echo "read with the card pulled at APDU 10: exit $rc, ok=$read_ok"
if [[ $rc -ne 0 ]]; then
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["retriable"], d' "$work/pulled.json"
fi
ok=""
for _ in $(seq 1 60); do
  sleep 0.5
  if "$cli" card read --mrz-key "$(key)" --json >"$work/again.json" 2>/dev/null; then ok=yes; break; fi
done
[[ -n "$ok" ]] || { cat "$work/again.json"; fail "no successful read after the pull (first: $read_ok)"; }
sim_stop
sleep 1

# 4. Pulled at the 12th APDU and never put back: the read fails at once with a retriable card
# error (it once waited forever for the answer: the emulator kept its connection open after the
# pull, a mute card rather than a removed one). `timeout` turns a hang into a failure here.
sim_start --pull-at 12 --reinsert-ms 600000
set +e
timeout 60 "$cli" card read --mrz-key "$(key)" --json >"$work/gone.json" 2>/dev/null
rc=$?
set -e
[[ $rc -ne 124 ]] || fail "card read still waiting 60 s after the card was pulled"
[[ $rc -eq 1 ]] || { cat "$work/gone.json"; fail "pulled card: exit $rc, expected 1"; }
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["retriable"] and d["error"] in ("card_removed", "card_error"), d' "$work/gone.json"
echo "PASS"
