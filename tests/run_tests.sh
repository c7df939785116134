#!/usr/bin/env bash
# Runs every test of a build tree (unit, integration with real pcscd/vpcd, libfprint, SANE and
# TLS on loopback, UI under Xvfb) and ends with one summary line.
set -uo pipefail
build=${1:-build/dev}
# Not nproc: it obeys OMP_THREAD_LIMIT when a technician sets it.
jobs=${CTEST_JOBS:-$(getconf _NPROCESSORS_ONLN)}
# A sanitizer build (the asan preset): every process the tests start, our binaries under xvfb-run
# and shell tests included, inherits these. A leak, an ASan error or any UB fails its test; leaks
# inside third-party libraries are suppressed in tests/sanitizers/lsan.supp, one reason per entry.
# The build may be a subdirectory of the tree (make test-asan-fast runs build/asan/tests/kiosk).
cache=$build; while [[ ! -f $cache/CMakeCache.txt && $cache == */* ]]; do cache=${cache%/*}; done
if grep -q '^KIOSK_SANITIZE:STRING=.\+' "$cache/CMakeCache.txt" 2>/dev/null; then
  here=$(cd "$(dirname "$0")" && pwd)
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:check_initialization_order=1:strict_init_order=1:detect_stack_use_after_return=1}
  export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$here/sanitizers/lsan.supp:print_suppressions=0}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
  # GTK's accessibility bridge (atk-bridge) keeps its a11y bus name and D-Bus buffers for the
  # process's life, and its stacks unwind too shallowly (no frame pointers) for a suppression to
  # name it: the UI tests under Xvfb run without it. Nothing of ours runs in it.
  export NO_AT_BRIDGE=1
fi
start=$(date +%s)
ctest --test-dir "$build" -j"$jobs" --output-on-failure --timeout 600 2>&1 | tee "$build/ctest.log"
rc=${PIPESTATUS[0]}
elapsed=$(( $(date +%s) - start ))
summary=$(grep -E '^[0-9]+% tests passed' "$build/ctest.log" | tail -1)
echo "make test: ${summary:-no summary} in ${elapsed}s (log: $build/ctest.log)"
exit "$rc"
