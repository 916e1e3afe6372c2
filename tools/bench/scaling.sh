#!/usr/bin/env bash
# -j scaling: N copies of a synth trace analysed with -j 1 and -j N (issue 8).
# Usage: tools/bench/scaling.sh [TRACE_BYTES] [N]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
size=${1:-256M}
n=${2:-2}
dir=${BENCH_DIR:-/tmp/kreplay-bench}
mkdir -p "$dir"
cd "$root"
swift build -c release --product kreplay >/dev/null
kreplay="$root/.build/release/kreplay"
files=()
for i in $(seq 1 "$n"); do
    f="$dir/scale-$size-$i.trace.gz"
    [ -s "$f" ] || "$kreplay" synth mixed --trace-bytes "$size" --seed "$i" -q -o "$f"
    files+=("$f")
done
hyperfine --style basic --runs 3 \
    -n "j1" "'$kreplay' analyze -q -j 1 ${files[*]} > /dev/null || [ \$? -eq 1 ]" \
    -n "j$n" "'$kreplay' analyze -q -j $n ${files[*]} > /dev/null || [ \$? -eq 1 ]"
