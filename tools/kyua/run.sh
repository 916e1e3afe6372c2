#!/bin/sh
# Builds kreplay, runs its checks under kyua and writes the reports.
#   tools/kyua/run.sh [OUTDIR]      (default: out/kyua)
# Extra kyua configuration: KYUA_ARGS, e.g. KYUA_ARGS='-v test_suites.kreplay.traces=/tmp/x.trace'
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-"$root/out/kyua"}
mkdir -p "$out"
(cd "$root" && swift build --product kreplay)
store="$out/results.db"
rm -f "$store"
status=0
# shellcheck disable=SC2086
kyua ${KYUA_ARGS:-} test --kyuafile="$root/tools/kyua/Kyuafile" --results-file="$store" || status=$?
kyua report --results-file="$store" --verbose > "$out/report.txt" || true
kyua report-junit --results-file="$store" --output="$out/junit.xml" || true
cat "$out/report.txt"
echo "junit: $out/junit.xml"
exit $status
