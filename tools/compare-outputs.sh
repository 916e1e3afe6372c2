#!/usr/bin/env bash
# Compares two kreplay binaries byte for byte (stdout, stderr, exit status) on every
# committed trace and fixture, the shared examples, damaged copies of a trace and, when
# present, the benchmark's synth traces. A speed change must print "all same".
#
# Usage: tools/compare-outputs.sh OLD NEW [EXTRA_TRACE ...]
#   BIG=0 skips /tmp/kreplay-bench/mixed-64M.trace.gz (made by tools/bench/run.sh 64M).
set -u
old=$1 new=$2
shift 2
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Damaged inputs: cut at 60 %, one flipped payload byte, trailing garbage.
src=traces/mixed-8cpu.trace.gz
size=$(stat -c %s "$src")
head -c $((size * 6 / 10)) "$src" >"$tmp/cut.trace.gz"
cp "$src" "$tmp/flip.trace.gz"
printf '\x55' | dd of="$tmp/flip.trace.gz" bs=1 seek=$((size / 2)) conv=notrunc status=none
{ cat "$src"; printf 'garbage'; } >"$tmp/garbage.trace.gz"

traces=(traces/*.trace.gz traces/linux/*.trace.gz Tests/Fixtures/linux/*.trace.gz
    Tests/Fixtures/*.trace Tests/Fixtures/signal/*.trace Tests/Fixtures/netbsd-capture/*.trace
    Tests/Fixtures/realworld/*.txt /work/shared/examples/*.trace
    "$tmp/cut.trace.gz" "$tmp/flip.trace.gz" "$tmp/garbage.trace.gz" "$@")
big=/tmp/kreplay-bench/mixed-64M.trace.gz
[ "${BIG:-1}" != 0 ] && [ -s "$big" ] && traces+=("$big")

runs=("analyze"
    "analyze --format json"
    "replay --format json --strategy idle-lazy,no-wait-idle,deferred-unmap,single-stop,dedup-pending,drop-second"
    "replay --strategy netbsd8,none,deferred-unmap:fifo=4"
    "analyze --format atf-tps"
    "analyze --format junit"
    "analyze --format html")
linux_runs=("replay --format json --strategy linux,netbsd8,idle-lazy,no-wait-idle,none")

status=0 count=0
compare() {
    # shellcheck disable=SC2086
    "$old" $1 "$2" >"$tmp/old.out" 2>"$tmp/old.err"
    echo "exit $?" >>"$tmp/old.err"
    # shellcheck disable=SC2086
    "$new" $1 "$2" >"$tmp/new.out" 2>"$tmp/new.err"
    echo "exit $?" >>"$tmp/new.err"
    count=$((count + 1))
    # ATF tps and JUnit carry wall-clock times: compare everything else.
    sed -E -i 's/[0-9]{9,}\.[0-9]+/T/g; s/time\.(start|end), .*/time\.\1/; s/(time|timestamp)="[^"]*"/\1=""/g' "$tmp"/old.out "$tmp"/new.out
    if ! cmp -s "$tmp/old.out" "$tmp/new.out" || ! cmp -s "$tmp/old.err" "$tmp/new.err"; then
        echo "DIFFERENT $2 ($1)"
        status=1
    fi
}
for trace in "${traces[@]}"; do
    [ -e "$trace" ] || continue
    for run in "${runs[@]}"; do compare "$run" "$trace"; done
    case $trace in *linux*) for run in "${linux_runs[@]}"; do compare "$run" "$trace"; done ;; esac
done
[ $status = 0 ] && echo "all same ($count runs)"
exit $status
