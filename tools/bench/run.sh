#!/usr/bin/env bash
# kreplay's performance benchmark (issue 8): compares, side by side in one run,
# `kreplay analyze` / `kreplay replay` against `gzip -dc` on the same file, and
# reports peak memory. No timing assertion lives in `swift test`; this is where
# speed claims come from.
#
# Usage: tools/bench/run.sh [TRACE_BYTES] [RUNS]
#   TRACE_BYTES  uncompressed size of the `synth mixed` trace (default 1G)
#   RUNS         hyperfine runs per command (default 3)
# Needs: hyperfine, /usr/bin/time (GNU time), gzip. Writes to $BENCH_DIR (default /tmp/kreplay-bench).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
size=${1:-1G}
runs=${2:-3}
dir=${BENCH_DIR:-/tmp/kreplay-bench}
mkdir -p "$dir"
cd "$root"

swift build -c release --product kreplay >/dev/null
kreplay="$root/.build/release/kreplay"
trace="$dir/mixed-$size.trace.gz"
plain="$dir/mixed-$size.trace"
if [ ! -s "$trace" ]; then
    echo "generating $trace (synth mixed, gzip level 6)…" >&2
    "$kreplay" synth mixed --trace-bytes "$size" --ncpu 8 --seed 1 --level 6 -q -o "$trace"
fi
[ -s "$plain" ] || gzip -dc "$trace" > "$plain"

strategies="idle-lazy,no-wait-idle,deferred-unmap,single-stop"
json="$dir/hyperfine.json"
hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$json" \
    -n "gzip -dc" "gzip -dc '$trace' > /dev/null" \
    -n "analyze" "'$kreplay' analyze -q '$trace' > /dev/null || [ \$? -eq 1 ]" \
    -n "replay x4" "'$kreplay' replay -q --strategy $strategies '$trace' > /dev/null || [ \$? -eq 1 ]" \
    -n "analyze plain" "'$kreplay' analyze -q '$plain' > /dev/null || [ \$? -eq 1 ]" \
    -n "cat plain" "cat '$plain' > /dev/null" >&2

rss() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1; }
rss_analyze=$(rss "$kreplay" analyze -q "$trace" || true)
rss_replay=$(rss "$kreplay" replay -q --strategy "$strategies" "$trace" || true)
events=$("$kreplay" analyze -q --format json "$trace" | python3 -c 'import json,sys; print(json.load(sys.stdin)["traces"][0]["events"])' || true)

python3 - "$json" "$trace" "$plain" "$rss_analyze" "$rss_replay" "$events" <<'PY'
import json, os, sys
data = {r["command"]: r["mean"] for r in json.load(open(sys.argv[1]))["results"]}
trace, plain, rss_a, rss_r, events = sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6])
gz = data["gzip -dc"]
size = os.path.getsize(plain)
print(f"trace: {trace}  ({os.path.getsize(trace)/2**20:.0f} MiB gzip, {size/2**20:.0f} MiB text, {events:,} events)")
print(f"{'command':<16}{'mean s':>9}{'× gzip -dc':>12}{'MiB/s':>9}{'M events/s':>12}")
for name in ["gzip -dc", "analyze", "replay x4", "analyze plain", "cat plain"]:
    t = data[name]
    print(f"{name:<16}{t:>9.2f}{t/gz:>12.2f}{size/2**20/t:>9.0f}{events/t/1e6:>12.1f}")
print(f"peak RSS: analyze {int(rss_a)/1024:.1f} MiB, replay x4 {int(rss_r)/1024:.1f} MiB")
PY
