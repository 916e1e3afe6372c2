#!/bin/sh
# Compares two kreplay binaries on every Linux capture: analyze and replay as JSON,
# byte for byte. Usage: tools/compare-linux-results.sh OLD NEW
set -u
old=$1 new=$2 status=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for trace in traces/linux/*.trace.gz Tests/Fixtures/linux/*.trace.gz; do
    for run in "analyze --format json" "replay --strategy linux,netbsd8,idle-lazy,no-wait-idle,none --format json"; do
        # shellcheck disable=SC2086
        "$old" $run "$trace" >"$tmp/old" 2>&1
        # shellcheck disable=SC2086
        "$new" $run "$trace" >"$tmp/new" 2>&1
        if cmp -s "$tmp/old" "$tmp/new"; then
            echo "same      $trace ($run)"
        else
            echo "DIFFERENT $trace ($run)"
            status=1
        fi
    done
done
exit $status
