#!/bin/bash
# kiosk-cli started without OMP_THREAD_LIMIT (as the installed station's desktop entry starts
# programs) re-executes itself with OMP_THREAD_LIMIT=1 before anything else: its doctor says so.
set -u
cli=$1
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
# SANE's virtual backend only: the machine's dll.conf would have doctor load and probe every
# installed backend (slow; under ASan their dlclose'd allocations show as unnameable leaks).
mkdir -p "$data/sane" && echo test >"$data/sane/dll.conf"
export SANE_CONFIG_DIR=$data/sane
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
