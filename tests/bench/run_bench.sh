#!/usr/bin/env bash
# make bench: runs every benchmark binary of the build (executables named *_bench under
# <build>/tests/bench) and prints one table. Each benchmark prints result lines of the form
#   BENCH {"figure": …, "value": …, "unit": …, "baseline": …, "ratio": …, "target": …, "met": …}
# on stdout; they are gathered into build/bench/report.json.
set -euo pipefail
build=${1:-build/dev}
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$root/build/bench
mkdir -p "$out"
: >"$out/lines.jsonl"
mapfile -t benches < <(find "$root/$build/tests/bench" -maxdepth 2 -type f -name '*_bench' -perm -u+x 2>/dev/null | sort)
benches+=("$root/tests/bench/station_bench.sh")  # the station app's start-up and memory (issue 8)
benches+=("$root/tests/bench/cli_bench.sh")  # kiosk-cli start-up and card read (issue 16)
if [[ ${#benches[@]} -eq 0 ]]; then
  echo "make bench: no benchmark binaries in $build/tests/bench"
fi
failed=()
for bench in "${benches[@]}"; do
  echo "== $(basename "$bench")"
  name=$(basename "$bench")
  # The exit status goes through a file: the pipeline's own status is grep's and tee's.
  rm -f "$out/$name.rc"
  { KIOSK_LOCALE_DIR=$root/$build/locale KIOSK_RESOURCE_DIR=$root/resources "$bench"
    echo $? >"$out/$name.rc"; } \
    | tee "$out/$name.log" | grep '^BENCH ' | sed 's/^BENCH //' >>"$out/lines.jsonl" || true
  # A benchmark that fails prints no figure; say so instead of leaving a silent gap in the table.
  rc=$(cat "$out/$name.rc" 2>/dev/null || echo 1)
  if [[ $rc -ne 0 ]]; then
    echo "make bench: $name FAILED (exit $rc); see $out/$name.log"
    failed+=("$name")
  fi
done
python3 - "$out/lines.jsonl" "$out/report.json" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
json.dump(rows, open(sys.argv[2], "w"), indent=2, ensure_ascii=False)
def fmt(v):
    if isinstance(v, float): return f"{v:.3g}"
    return "" if v is None else str(v)
head = ["figure", "value", "unit", "baseline", "ratio", "target", "met"]
table = [[fmt(r.get(k)) for k in head] for r in rows]
widths = [max(len(h), *(len(t[i]) for t in table)) if table else len(h) for i, h in enumerate(head)]
print("  ".join(h.ljust(w) for h, w in zip(head, widths)))
for t in table: print("  ".join(c.ljust(w) for c, w in zip(t, widths)))
print(f"{len(rows)} figures, {sum(1 for r in rows if r.get('met'))} targets met -> {sys.argv[2]}")
PY
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "failed benchmarks: ${failed[*]}"
  exit 1
fi
