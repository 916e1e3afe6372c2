#!/usr/bin/env bash
# Empty-line flood (issue 16): a gzip member that inflates to N bytes of `\n` (the
# shape of a decompression bomb, or of a trace padded by a tool), side by side with
# `gzip -dc` in one hyperfine run, and peak memory. The goal: `kreplay analyze`
# within 2× of `gzip -dc`, memory flat, `input.blank_lines` exact.
#
# Usage: tools/bench/blank-lines.sh [MIB] [RUNS]   (default 512 MiB, 3 runs)
# Needs: hyperfine, /usr/bin/time (GNU time), gzip. Writes to $BENCH_DIR (default /tmp/kreplay-bench).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
mib=${1:-512}
runs=${2:-3}
dir=${BENCH_DIR:-/tmp/kreplay-bench}
mkdir -p "$dir"
cd "$root"
swift build -c release --product kreplay >/dev/null
kreplay="$root/.build/release/kreplay"
trace="$dir/blank-${mib}M.gz"
[ -s "$trace" ] || head -c $((mib << 20)) /dev/zero | tr '\0' '\n' | gzip -6 > "$trace"

hyperfine --style basic --warmup 1 --runs "$runs" \
    -n "gzip -dc" "gzip -dc '$trace' > /dev/null" \
    -n "analyze" "'$kreplay' analyze -q '$trace' > /dev/null" \
    -n "analyze --ncpu 1" "'$kreplay' analyze -q --ncpu 1 '$trace' > /dev/null"
/usr/bin/time -f "analyze: peak RSS %M KiB, wall %e s, user %U s" "$kreplay" analyze -q "$trace" >/dev/null
blank=$("$kreplay" analyze -q --format json "$trace" | python3 -c \
    'import json,sys; i=json.load(sys.stdin)["traces"][0]["input"]; print(i["blank_lines"], i["lines"])')
echo "blank_lines, lines: $blank (expected $((mib << 20)) each)"
