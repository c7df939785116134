#!/usr/bin/env bash
# The station app's figures of issue 8, for make bench: start to ready sign-in screen (target
# under 1.5 s) and resident memory after an enrollment (target under 300 MB). Runs the demo
# walk-through (the real windows, in-process) on a freshly seeded demo station under Xvfb with
# KIOSK_BENCH=1; it prints the BENCH lines. run_bench.sh passes the build through
# KIOSK_LOCALE_DIR (<build>/locale).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(dirname "${KIOSK_LOCALE_DIR:?run through tests/bench/run_bench.sh}")
walkthrough=$build/ui/station/kiosk-station-walkthrough
if [[ ! -x "$walkthrough" ]]; then
  echo "station_bench: $walkthrough not built (GUI off?): no station figures"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export KIOSK_DATA_DIR=$work/data XDG_CONFIG_HOME=$work/config KIOSK_DEMO_PKI=$work/pki
mkdir -p "$KIOSK_DATA_DIR" && chmod 700 "$KIOSK_DATA_DIR"
bash "$root/resources/demo/seed_demo.sh" "$build" "$work" >/dev/null
KIOSK_BENCH=1 xvfb-run -a -s "-screen 0 1600x900x24 -nolisten tcp" "$walkthrough" "$work/shots"
