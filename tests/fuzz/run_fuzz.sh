#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (the fuzz preset: ASan + UBSan, ccache) and runs each
# for SECONDS seconds from its seed corpus (tests/fuzz/corpus/<name>/), FUZZ_JOBS targets at a
# time (default: the number of cores). `make test` runs this with 10 s, `make fuzz` with
# FUZZ_SECONDS (default 60). FUZZ_TARGETS="tlv mrz" runs only those; FUZZ_SKIP_BUILD=1 skips
# the build.
#
# A crash, a leak, undefined behaviour or a timeout fails the run; the reproducer is left in
# build/fuzz-artifacts/<name>/ and its path printed. Replay it with
#   build/fuzz/tests/fuzz/fuzz_<name> <reproducer>
# then make it a regression test in the parser's own tests/ directory and add the input to
# tests/fuzz/corpus/<name>/ (the corpora are also replayed by ctest: fuzz_replay_<name>).
set -euo pipefail
build=${1:-build/fuzz}
seconds=${2:-60}
# Not nproc: it obeys OMP_THREAD_LIMIT when a technician sets it.
cores=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)
jobs=${FUZZ_JOBS:-$cores}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
mkdir -p build

build_start=$(date +%s)
if [[ -z ${FUZZ_SKIP_BUILD:-} ]]; then  # FUZZ_SKIP_BUILD=1: run what build/fuzz already holds
  cmake --preset fuzz >"$build.configure.log" 2>&1 || { cat "$build.configure.log"; exit 1; }
  cmake --build "$build" -j"$cores" --target kiosk_fuzz_targets >"$build.build.log" 2>&1 ||
    { tail -60 "$build.build.log"; echo "fuzz: build failed (log: $build.build.log)"; exit 1; }
fi
build_seconds=$(( $(date +%s) - build_start ))

mapfile -t targets < <(find "$build/tests/fuzz" -maxdepth 1 -type f -name 'fuzz_*' -perm -u+x | sort)
[[ ${#targets[@]} -gt 0 ]] || { echo "fuzz: no targets built"; exit 1; }
if [[ -n ${FUZZ_TARGETS:-} ]]; then
  selected=()
  for target in "${targets[@]}"; do
    [[ " $FUZZ_TARGETS " == *" $(basename "$target" | sed 's/^fuzz_//') "* ]] && selected+=("$target")
  done
  targets=("${selected[@]}")
fi

# UBSan reports are recoverable by default: stop at the first so libFuzzer keeps the input.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}

# One target: fuzz from the seeds into a scratch corpus; result line on stdout.
run_one() {
  local target=$1 name corpus work artifacts log runs reproducer
  name=$(basename "$target"); name=${name#fuzz_}
  corpus=$root/tests/fuzz/corpus/$name
  work=$root/build/fuzz-corpus/$name
  artifacts=$root/build/fuzz-artifacts/$name/
  log=$root/build/fuzz-$name.log
  mkdir -p "$work" "$artifacts"
  local seeds=()
  [[ -d "$corpus" ]] && seeds+=("$corpus")
  if "$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$artifacts" "$work" "${seeds[@]}" >"$log" 2>&1; then
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
    printf 'fuzz %-20s ok  %9s runs in %ss\n' "$name" "$runs" "$seconds"
  else
    reproducer=$(grep -o "Test unit written to [^ ]*" "$log" | tail -1 | sed 's/Test unit written to //' || true)
    printf 'fuzz %-20s FAILED  reproducer: %s  log: %s\n' "$name" "${reproducer:-none (see log)}" "$log"
    grep -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|SUMMARY:' "$log" | head -5 | sed 's/^/    /'
    return 1
  fi
}

run_start=$(date +%s)
failed=0
running=0
for target in "${targets[@]}"; do
  if (( running >= jobs )); then
    wait -n || failed=1
    running=$((running - 1))
  fi
  run_one "$target" &
  running=$((running + 1))
done
while (( running > 0 )); do
  wait -n || failed=1
  running=$((running - 1))
done
run_seconds=$(( $(date +%s) - run_start ))
status=$([[ $failed -eq 0 ]] && echo "all passed" || echo "FAILED")
echo "make fuzz: ${#targets[@]} targets, ${seconds}s each, $jobs at a time: $status (build ${build_seconds}s, fuzzing ${run_seconds}s)"
exit $failed
