#!/usr/bin/env bash
set -euo pipefail
cli=$1
devices=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export KIOSK_DATA_DIR=$work/data XDG_CONFIG_HOME=$work/config
# SANE's virtual backend only: with the machine's dll.conf, doctor would load (and unload) every
# installed backend, whose leaks LSan cannot name once unloaded (asan tree).
mkdir -p "$work/sane" && echo test >"$work/sane/dll.conf"
export SANE_CONFIG_DIR=$work/sane
fail() { echo "FAIL: $*"; exit 1; }

# 1. What kiosk-cli loads at start: none of the device or imaging libraries.
needed=$(readelf -d "$cli" | grep NEEDED || true)
echo "$needed"
if grep -Ei 'opencv|tesseract|lept|wx_|fprint|sane|gdal|gtk|glib|gusb|ZXing|avcodec' <<<"$needed"; then
  fail "kiosk-cli links a device or imaging library"
fi
grep -q 'libopencv_core' < <(readelf -d "$devices") || fail "kiosk-cli-devices should hold the device commands"

# 2. The same help, listing the device commands where the devices program has them.
for args in "--help" "card --help" "station --help" "--lang en --help"; do
  # shellcheck disable=SC2086
  "$cli" $args >"$work/front.txt" 2>&1 || true
  # shellcheck disable=SC2086
  "$devices" $args >"$work/back.txt" 2>&1 || true
  sed -i "s#$devices#PROGRAM#g" "$work/back.txt"
  sed -i "s#$cli#PROGRAM#g" "$work/front.txt"
  diff -u "$work/back.txt" "$work/front.txt" || fail "help for '$args' differs between the two programs"
done
for group in doctor paper enroll face finger; do
  grep -qE "^  $group( |$)" "$work/front.txt" || fail "kiosk-cli --help does not list $group"
done

# 3. Handed over unchanged: output, error line and exit code of a device command.
rc_front=0; "$cli" --lang en finger score "$work/missing.png" >"$work/front.out" 2>"$work/front.err" || rc_front=$?
rc_back=0; "$devices" --lang en finger score "$work/missing.png" >"$work/back.out" 2>"$work/back.err" || rc_back=$?
[[ $rc_front -ne 0 && $rc_front -eq $rc_back ]] || fail "exit codes $rc_front (kiosk-cli) vs $rc_back (devices)"
# OpenCV's own warning carries the process's uptime: compare the station's line only.
sed -i '/^\[ WARN/d' "$work/front.err" "$work/back.err"
cmp -s "$work/front.err" "$work/back.err" || fail "error line differs: $(cat "$work/front.err") / $(cat "$work/back.err")"
"$cli" doctor --json >"$work/doctor.json" || true
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert isinstance(d, (list, dict)) and d' "$work/doctor.json" \
  || fail "kiosk-cli doctor --json printed no checks"

# 4. A light command answers from kiosk-cli itself.
"$cli" validate phone 0912345678 >/dev/null || fail "validate failed"
echo "PASS"
