#!/usr/bin/env bash
# kiosk-cli's start-up, for make bench (issue 16): technicians, scripts and the soak call the
# CLI many times, so a command must cost what it does, not what loading the program costs.
#   - `kiosk-cli --version`, whole process (target < 50 ms), beside kiosk-cli-devices --version
#     (every library of the device commands loaded) as the baseline;
#   - `kiosk-cli card read --json` of the emulated card through a private pcscd + vpcd, whole
#     process, against the chip read's own time that the same run reports ("ms"): target <= 1.5x.
# Medians of repeated runs; run_bench.sh passes the build through KIOSK_LOCALE_DIR.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(dirname "${KIOSK_LOCALE_DIR:?run through tests/bench/run_bench.sh}")
cli=$build/ui/cli/kiosk-cli
devices=$build/ui/cli/kiosk-cli-devices
source "$root/tests/support/scripts/pcscd.sh"
work=$(mktemp -d)
SIM_PID=""
cleanup() {
  [[ -n "$SIM_PID" ]] && kill -TERM "$SIM_PID" 2>/dev/null && wait "$SIM_PID" 2>/dev/null
  pcscd_stop
  rm -rf "$work"
}
trap cleanup EXIT
export KIOSK_DATA_DIR=$work/data XDG_CONFIG_HOME=$work/config KIOSK_LANG=en

# Median wall time (ms) of RUNS runs of a command; for card read also the median of its "ms".
measure() {
  python3 - "$@" <<'PY'
import json, statistics, subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
walls, reads = [], []
for _ in range(runs):
    start = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True)
    walls.append((time.perf_counter() - start) * 1000)
    if out.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed: {out.stderr.strip()}")
    if out.stdout.lstrip().startswith("{"):
        reads.append(json.loads(out.stdout)["ms"])
print(statistics.median(walls), statistics.median(reads) if reads else 0)
PY
}

bench_line() {  # figure value unit baseline ratio target met
  python3 -c 'import json,sys
f,v,u,b,r,t,m=sys.argv[1:8]
print("BENCH "+json.dumps({"figure":f,"value":round(float(v),1),"unit":u,
  "baseline":None if b=="-" else round(float(b),1),"ratio":None if r=="-" else round(float(r),2),
  "target":t,"met":m=="yes"},ensure_ascii=False))' "$@"
}

read -r version _ < <(measure 20 "$cli" --version)
read -r devices_version _ < <(measure 10 "$devices" --version)
met=$(python3 -c "print('yes' if $version < 50 else 'no')")
ratio=$(python3 -c "print($version / $devices_version)")
bench_line "cli: kiosk-cli --version (vs kiosk-cli-devices)" "$version" ms "$devices_version" "$ratio" "< 50 ms" "$met"

if pgrep -x pcscd >/dev/null 2>&1; then
  echo "cli_bench: a pcscd not started here is running: no card read figure"
  exit 0
fi
"$cli" card sim --make-pki "$work/pki" >/dev/null
PCSCD_LOG=$work/pcscd.log pcscd_start
"$cli" card sim --pki "$work/pki" --json >"$work/sim.json" 2>"$work/sim.err" &
SIM_PID=$!
for _ in $(seq 1 600); do [[ -s "$work/sim.json" ]] && break; sleep 0.1; done
key=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["mrz_key"])' "$work/sim.json")
"$cli" card read --mrz-key "$key" --trust "$work/pki/csca" --json >/dev/null  # reader warmed up
read -r wall chip < <(measure 10 "$cli" card read --mrz-key "$key" --trust "$work/pki/csca" --json)
ratio=$(python3 -c "print($wall / $chip)")
met=$(python3 -c "print('yes' if $wall <= 1.5 * $chip else 'no')")
bench_line "cli: kiosk-cli card read, whole process (vs the chip read inside it)" "$wall" ms "$chip" "$ratio" "<= 1.5x" "$met"
