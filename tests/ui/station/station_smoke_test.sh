#!/usr/bin/env bash
# Starts kiosk-station under Xvfb, waits for its window, checks the Vietnamese title, takes a
# screenshot into the build tree, and stops the app with SIGTERM (it must exit cleanly).
set -euo pipefail
station=$1
shots=$2
mkdir -p "$shots"
work=$(mktemp -d)
xvfb_pid="" station_pid=""
cleanup() {
  [[ -n "$station_pid" ]] && kill -KILL "$station_pid" 2>/dev/null || true
  [[ -n "$xvfb_pid" ]] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

# A free display number: the first without a lock file.
display=""
for n in $(seq 90 140); do
  if [[ ! -e /tmp/.X$n-lock && ! -e /tmp/.X11-unix/X$n ]]; then display=$n; break; fi
done
[[ -n "$display" ]] || fail "no free X display"
Xvfb ":$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=":$display"
for _ in $(seq 1 300); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
xdpyinfo >/dev/null 2>&1 || fail "Xvfb did not start"

export KIOSK_DATA_DIR=$work/data XDG_CONFIG_HOME=$work/config
unset KIOSK_LANG
"$station" >"$work/station.log" 2>&1 &
station_pid=$!
window=""
for _ in $(seq 1 600); do
  window=$(xdotool search --onlyvisible --pid "$station_pid" 2>/dev/null | head -1 || true)
  [[ -n "$window" ]] && break
  if ! kill -0 "$station_pid" 2>/dev/null; then
    rc=0; wait "$station_pid" || rc=$?
    cat "$work/station.log"
    fail "kiosk-station exited at start with code $rc"
  fi
  sleep 0.1
done
[[ -n "$window" ]] || fail "no window within 60 s"
sleep 0.5  # let GTK paint
title=$(xdotool getwindowname "$window")
echo "window $window: $title"
[[ "$title" == "Trạm thu nhận định danh điện tử mức độ 2" ]] || fail "title is not Vietnamese: $title"
import -window root "$shots/sign-in.png"
# A painted window is not one flat colour.
deviation=$(convert "$shots/sign-in.png" -format '%[fx:standard_deviation]' info:)
python3 -c "import sys; sys.exit(0 if float('$deviation') > 0.01 else 1)" || fail "screenshot is blank"
echo "screenshot: $shots/sign-in.png"

kill -TERM "$station_pid"
rc=0
wait "$station_pid" || rc=$?
station_pid=""
[[ $rc -eq 0 ]] || { cat "$work/station.log"; fail "kiosk-station exit code $rc after SIGTERM"; }
echo "PASS"
