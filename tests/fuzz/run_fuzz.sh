#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (the fuzz preset) and runs each for SECONDS seconds
# from its seed corpus (tests/fuzz/corpus/<name>/). A crash fails the run and leaves the
# reproducer in build/fuzz-artifacts/<name>/: turn it into a regression test.
set -euo pipefail
build=${1:-build/fuzz}
seconds=${2:-60}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
mkdir -p build
cmake --preset fuzz >"$build.configure.log" 2>&1 || { cat "$build.configure.log"; exit 1; }
cmake --build "$build" -j"$(nproc)" --target kiosk_fuzz_targets
mapfile -t targets < <(find "$build/tests/fuzz" -maxdepth 1 -type f -name 'fuzz_*' -perm -u+x | sort)
[[ ${#targets[@]} -gt 0 ]] || { echo "fuzz: no targets built"; exit 1; }
failed=0
for target in "${targets[@]}"; do
  name=$(basename "$target"); name=${name#fuzz_}
  corpus=$root/tests/fuzz/corpus/$name
  work=$root/build/fuzz-corpus/$name
  artifacts=$root/build/fuzz-artifacts/$name/
  mkdir -p "$work" "$artifacts"
  seeds=()
  [[ -d "$corpus" ]] && seeds+=("$corpus")
  if "$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$artifacts" "$work" "${seeds[@]}" >"$root/build/fuzz-$name.log" 2>&1; then
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$root/build/fuzz-$name.log" | grep -o '[0-9]*$' || echo "?")
    echo "fuzz $name: ok ($runs runs in ${seconds}s)"
  else
    echo "fuzz $name: FAILED, see build/fuzz-$name.log and $artifacts"
    tail -30 "$root/build/fuzz-$name.log"
    failed=1
  fi
done
exit $failed
