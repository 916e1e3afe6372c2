#!/bin/sh
# Runs every fuzz target for SECONDS each (default 600), one after another,
# logging to tools/fuzz/logs/TARGET.log. Exits non-zero if any target found a crash.
set -u
here=$(cd "$(dirname "$0")" && pwd)
seconds=${1:-600}
status=0
mkdir -p "$here/logs"
for target in FuzzLineParser FuzzHotPath FuzzDecompress FuzzAnalysis; do
    echo "== $target ($seconds s)"
    if ! "$here/run.sh" "$target" "$seconds" >"$here/logs/$target.log" 2>&1; then
        echo "   $target FAILED: see logs/$target.log and artifacts/$target/"
        status=1
    fi
    grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::average_exec_per_sec)' "$here/logs/$target.log" || true
done
exit $status
