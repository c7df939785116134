#!/bin/bash
# kiosk-cli started without OMP_THREAD_LIMIT (as the installed station's desktop entry starts
# programs) re-executes itself with OMP_THREAD_LIMIT=1 before anything else: its doctor says so.
set -u
cli=$1
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
# Under ASan (make test-asan*): doctor probes the scanners through SANE, whose backends are
# dlopen'ed and closed again, so their process-lifetime allocations show as leaks from
# "<unknown module>" frames that no suppression can name. Leak checking is off for these two runs
# only; memory errors and UB still fail them.
if [[ -n ${ASAN_OPTIONS:-} ]]; then export ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0"; fi
out=$(env -u OMP_THREAD_LIMIT -u KIOSK_OMP_REEXECUTED KIOSK_DATA_DIR="$data" \
      "$cli" --lang en doctor --json)
if ! grep -q '"message": "OpenMP threads limited to 1."' <<<"$out"; then
  echo "FAIL: doctor does not report OpenMP threads limited:"
  echo "$out"
  exit 1
fi
# A limit the technician chose is kept as it is.
out=$(env -u KIOSK_OMP_REEXECUTED OMP_THREAD_LIMIT=2 KIOSK_DATA_DIR="$data" \
      "$cli" --lang en doctor --json)
if ! grep -q '"message": "OpenMP threads limited to 2."' <<<"$out"; then
  echo "FAIL: an explicit OMP_THREAD_LIMIT was not kept:"
  echo "$out"
  exit 1
fi
echo "ok"
