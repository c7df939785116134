#!/usr/bin/env bash
# kiosk-cli doctor through the real PC/SC stack: says clearly when pcscd is not running, and
# lists the "Virtual PCD 00 00" reader when pcscd runs with the vpcd driver.
set -euo pipefail
cli=$1
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../../support/scripts/pcscd.sh"

work=$(mktemp -d)
trap 'pcscd_stop; rm -rf "$work"' EXIT
export KIOSK_DATA_DIR=$work/data XDG_CONFIG_HOME=$work/config KIOSK_LANG=en
# SANE's virtual backend only: the machine's own dll.conf would have doctor load and probe every
# installed backend (slow, and whatever scanners this machine has are not this test's business).
mkdir -p "$work/sane" && echo test >"$work/sane/dll.conf"
export SANE_CONFIG_DIR=$work/sane

pcscd_require_absent
fail() { echo "FAIL: $*"; exit 1; }

# 1. No pcscd: one clear error line, exit code 1.
set +e
"$cli" doctor >"$work/without.txt" 2>&1
rc=$?
set -e
cat "$work/without.txt"
[[ $rc -eq 1 ]] || fail "doctor exit code $rc without pcscd, expected 1"
grep -q "ERROR.*reader.*pcscd) is not running" "$work/without.txt" || fail "no 'pcscd is not running' line"

# 2. With pcscd + vpcd: the virtual reader is listed, no card on it.
PCSCD_LOG=$work/pcscd.log pcscd_start
found=""
for _ in $(seq 1 150); do  # pcscd enumerates its readers shortly after start
  "$cli" doctor --json >"$work/with.json" || true
  if grep -q '"subject": "Virtual PCD 00 00"' "$work/with.json"; then found=yes; break; fi
  sleep 0.2
done
cat "$work/with.json"
[[ -n "$found" ]] || fail "Virtual PCD 00 00 not listed"
python3 - "$work/with.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
readers = [c for c in doc["checks"] if c["area"] == "reader"]
assert any(c["subject"] == "Virtual PCD 00 00" and c["status"] == "ok" for c in readers), readers
cards = [c for c in doc["checks"] if c["area"] == "card" and c["subject"] == "Virtual PCD 00 00"]
assert cards and cards[0]["status"] == "missing", cards
PY

# 3. In Vietnamese (the default language) the same line is translated.
KIOSK_LANG=vi "$cli" doctor >"$work/vi.txt" 2>&1 || true
grep -q "Đầu đọc thẻ đã kết nối" "$work/vi.txt" || fail "Vietnamese doctor output missing"
echo "PASS"
