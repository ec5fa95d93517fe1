#!/usr/bin/env bash
# Coverage-guided fuzzing (libFuzzer) of every parser of outside files; see fuzz/README.md.
#
#   scripts/fuzz.sh [--seconds N] [--targets a,b] [--merge] [--artifacts DIR]
#
# --seconds  time per target (default 30)
# --targets  comma-separated subset of: scenario-csv scenario-yaml overlay series mps lp web-form workbook
# --merge    add the inputs that found new coverage to the committed corpus (fuzz/corpus);
#            the hand-made seeds (fuzz/seeds) are read too and never changed
# Exits 1 when any target crashed; the crashing input is kept in the artifacts folder
# (default fuzz/artifacts) and belongs in fuzz/crashes/TARGET/ once fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=30
targets="scenario-csv,scenario-yaml,overlay,series,mps,lp,web-form,workbook"
merge=0
artifacts=fuzz/artifacts
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --targets) targets="$2"; shift 2 ;;
    --merge) merge=1; shift ;;
    --artifacts) artifacts="$2"; shift 2 ;;
    *) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

scripts/setup.sh
echo "building hubplan-fuzz with -sanitize=fuzzer,address (scratch path .build-fuzz)"
swift build --scratch-path .build-fuzz -c release --product hubplan-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING 2>&1 | grep -v "Cannot export local symbol" | tail -1
fuzzer=.build-fuzz/release/hubplan-fuzz
mkdir -p "$artifacts"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

printf '%-14s %8s %10s %8s %7s %9s %7s %8s\n' target seconds executions exec/s edges features corpus crashes
crashed=0
for target in ${targets//,/ }; do
  [ -d "fuzz/seeds/$target" ] || { echo "fuzz.sh: no seeds folder fuzz/seeds/$target" >&2; exit 2; }
  mkdir -p "fuzz/corpus/$target"
  mkdir -p "$work/$target/new" "$work/$target/tmp"
  log="$work/$target/log"
  # Slow units (slow-unit-*) are reports, not failures: count crashes, leaks, timeouts and OOMs only.
  before=$(ls "$artifacts" | grep -cE "^$target-(crash|leak|timeout|oom)-" || true)
  # Leak detection is off: Foundation's FileManager.contents(atPath:) leaks a 4 KiB
  # buffer on an empty file (not HubPlan's code); ASan's other checks stay on.
  # A whole workbook of the small scenario is about 17 KB of ZIP: that target takes longer inputs.
  max_len=16384
  [ "$target" = workbook ] && max_len=32768
  set +e
  ASAN_OPTIONS=detect_leaks=0 HUBPLAN_FUZZ_TARGET="$target" TMPDIR="$work/$target/tmp" "$fuzzer" \
    -max_total_time="$seconds" -max_len="$max_len" -timeout=20 -rss_limit_mb=4096 -detect_leaks=0 \
    -print_final_stats=1 -artifact_prefix="$artifacts/$target-" \
    "$work/$target/new" "fuzz/corpus/$target" "fuzz/seeds/$target" >"$log" 2>&1
  rc=$?
  set -e
  after=$(ls "$artifacts" | grep -cE "^$target-(crash|leak|timeout|oom)-" || true)
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo 0)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo 0)
  edges=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
  features=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
  corpus=$(grep -o 'corp: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
  found=$((after - before))
  printf '%-14s %8s %10s %8s %7s %9s %7s %8s\n' "$target" "$seconds" "$runs" "$rate" "$edges" "$features" "$corpus" "$found"
  if [ "$rc" -ne 0 ] || [ "$found" -gt 0 ]; then
    crashed=1
    echo "---- $target: libFuzzer exited $rc; the end of its log:"
    grep -v "^#[0-9]" "$log" | tail -40
    echo "----"
  fi
  if [ "$merge" -eq 1 ]; then
    ASAN_OPTIONS=detect_leaks=0 HUBPLAN_FUZZ_TARGET="$target" TMPDIR="$work/$target/tmp" "$fuzzer" -merge=1 -max_len="$max_len" -detect_leaks=0 \
      "fuzz/corpus/$target" "$work/$target/new" >"$log.merge" 2>&1 || true
  fi
done
exit "$crashed"
