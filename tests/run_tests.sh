#!/usr/bin/env bash
# Runs every test of a build tree (unit, integration with real pcscd/vpcd, libfprint, SANE and
# TLS on loopback, UI under Xvfb) and ends with one summary line.
set -uo pipefail
build=${1:-build/dev}
jobs=${CTEST_JOBS:-$(nproc)}
start=$(date +%s)
ctest --test-dir "$build" -j"$jobs" --output-on-failure --timeout 600 2>&1 | tee "$build/ctest.log"
rc=${PIPESTATUS[0]}
elapsed=$(( $(date +%s) - start ))
summary=$(grep -E '^[0-9]+% tests passed' "$build/ctest.log" | tail -1)
echo "make test: ${summary:-no summary} in ${elapsed}s (log: $build/ctest.log)"
exit "$rc"
