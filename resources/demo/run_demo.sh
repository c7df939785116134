#!/usr/bin/env bash
# make demo: runs the station on simulated devices with demo data.
#  - With a display ($DISPLAY set): opens the station window; close it to end the demo.
#  - Without one: runs the same app under Xvfb, saves a screenshot of each screen into
#    build/demo/ and prints where they are.
# KIOSK_DEMO_DIR puts the demo somewhere else than build/demo (two builds demoing side by side;
# give each its own KIOSK_DEMO_INTAKE_PORT too).
set -euo pipefail
build=${1:-build/dev}
root=$(cd "$(dirname "$0")/../.." && pwd)
demo=${KIOSK_DEMO_DIR:-$root/build/demo}
mkdir -p "$demo"
station=$root/$build/ui/station/kiosk-station
cli=$root/$build/ui/cli/kiosk-cli
[[ -x "$station" ]] || { echo "demo: $station is not built (run make demo from the repository root)"; exit 1; }

# Demo data lives in build/demo, never in the user's real data directory.
export KIOSK_DATA_DIR=$demo/data
export XDG_CONFIG_HOME=$demo/config
export KIOSK_LOCALE_DIR=$root/$build/locale
export KIOSK_RESOURCE_DIR=$root/resources
mkdir -p "$KIOSK_DATA_DIR" && chmod 700 "$KIOSK_DATA_DIR"
export KIOSK_DEMO_PKI=$demo/pki
bash "$root/resources/demo/seed_demo.sh" "$root/$build" "$demo"

# The local intake server the demo station syncs to (provisioned by seed_demo.sh).
intake=$root/$build/sync/server/intake-server
intake_pid=""
if [[ -x "$intake" && -f "$demo/station.pem" ]]; then
  "$intake" serve --dir "$demo/central" --host 127.0.0.1 --port "${KIOSK_DEMO_INTAKE_PORT:-18443}" \
    >"$demo/intake.log" 2>&1 &
  intake_pid=$!
  echo "Intake server on https://127.0.0.1:${KIOSK_DEMO_INTAKE_PORT:-18443} (log: $demo/intake.log)"
fi
stop_intake() { [[ -n "$intake_pid" ]] && kill "$intake_pid" 2>/dev/null; intake_pid=""; return 0; }
trap stop_intake EXIT

echo "== kiosk-cli doctor (demo environment) =="
"$cli" doctor || true
echo

if [[ -n "${DISPLAY:-}" ]]; then
  echo "Starting the station on $DISPLAY (close the window to end the demo)."
  "$station"
  exit 0
fi

echo "No display: running the station under Xvfb and saving screenshots into $demo/."
rm -f "$demo"/[0-9][0-9]-*.png  # this run's screenshots only, not an earlier run's
display=""
for n in $(seq 150 199); do
  if [[ ! -e /tmp/.X$n-lock && ! -e /tmp/.X11-unix/X$n ]]; then display=$n; break; fi
done
Xvfb ":$display" -screen 0 1600x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
station_pid=""
trap '[[ -n "$station_pid" ]] && kill "$station_pid" 2>/dev/null; kill "$xvfb" 2>/dev/null; stop_intake' EXIT
export DISPLAY=":$display"
for _ in $(seq 1 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
"$station" >"$demo/station.log" 2>&1 &
station_pid=$!
window=""
for _ in $(seq 1 100); do
  window=$(xdotool search --onlyvisible --pid "$station_pid" 2>/dev/null | head -1 || true)
  [[ -n "$window" ]] && break
  sleep 0.1
done
[[ -n "$window" ]] || { cat "$demo/station.log"; echo "demo: the station window did not appear"; exit 1; }
sleep 0.5
import -window root "$demo/01-sign-in.png"
echo "Screenshot: $demo/01-sign-in.png"
kill -TERM "$station_pid"; wait "$station_pid" || true; station_pid=""
# The scripted walk-through drives the same windows in-process (focus and typing without a
# window manager are unreliable through xdotool): enrollment, supervisor approval and signing,
# sync to the local intake server, status lookup.
"$root/$build/ui/station/kiosk-station-walkthrough" "$demo"
echo "Demo finished. To see the station live, run 'make demo' from a desktop session (DISPLAY set)."
