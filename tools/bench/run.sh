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
#
# kreplay inflates with ISA-L when libisal.so.2 is installed (the README's install
# line has libisal2) and with zlib otherwise; "(zlib)" rows run the same binary with
# KREPLAY_INFLATER=zlib (ZLIB=0 skips them). CPU s (user + system, hyperfine's means)
# is printed next to wall time: on a shared 2-core machine wall time also measures
# the neighbours.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
size=${1:-1G}
runs=${2:-3}
dir=${BENCH_DIR:-/tmp/kreplay-bench}
mkdir -p "$dir"
cd "$root"

swift build -c release --product kreplay >/dev/null
kreplay="$root/.build/release/kreplay"
"$kreplay" --version >&2
zlib=""
[ "${ZLIB:-1}" != 0 ] && "$kreplay" --version | grep -q "ISA-L" && zlib="env KREPLAY_INFLATER=zlib "
trace="$dir/mixed-$size.trace.gz"
plain="$dir/mixed-$size.trace"
if [ ! -s "$trace" ]; then
    echo "generating $trace (synth mixed, gzip level 6)…" >&2
    "$kreplay" synth mixed --trace-bytes "$size" --ncpu 8 --seed 1 --level 6 -q -o "$trace"
fi
[ -s "$plain" ] || gzip -dc "$trace" > "$plain"

strategies="idle-lazy,no-wait-idle,deferred-unmap,single-stop"
# One file per run: the bench directory may be shared with other runs.
json="$dir/hyperfine-$$.json"
trap 'rm -f "$json"' EXIT
commands=(
    -n "gzip -dc" "gzip -dc '$trace' > /dev/null"
    -n "analyze" "'$kreplay' analyze -q '$trace' > /dev/null || [ \$? -eq 1 ]"
)
[ -n "$zlib" ] && commands+=(-n "analyze (zlib)" "$zlib'$kreplay' analyze -q '$trace' > /dev/null || [ \$? -eq 1 ]")
commands+=(-n "replay x4" "'$kreplay' replay -q --strategy $strategies '$trace' > /dev/null || [ \$? -eq 1 ]")
[ -n "$zlib" ] && commands+=(
    -n "replay x4 (zlib)" "$zlib'$kreplay' replay -q --strategy $strategies '$trace' > /dev/null || [ \$? -eq 1 ]")
commands+=(
    -n "analyze plain" "'$kreplay' analyze -q '$plain' > /dev/null || [ \$? -eq 1 ]"
    -n "cat plain" "cat '$plain' > /dev/null"
)
hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$json" "${commands[@]}" >&2

rss() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1; }
rss_analyze=$(rss "$kreplay" analyze -q "$trace" || true)
rss_replay=$(rss "$kreplay" replay -q --strategy "$strategies" "$trace" || true)
# --format json streams its output (issue 16): it must cost what text costs.
rss_analyze_json=$(rss "$kreplay" analyze -q --format json "$trace" || true)
rss_replay_json=$(rss "$kreplay" replay -q --format json --strategy "$strategies" "$trace" || true)
events=$("$kreplay" analyze -q --format json "$trace" | python3 -c 'import json,sys; print(json.load(sys.stdin)["traces"][0]["events"])' || true)

python3 - "$json" "$trace" "$plain" "$rss_analyze" "$rss_replay" "$events" "$rss_analyze_json" "$rss_replay_json" <<'PY'
import json, os, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
data = {name: r["mean"] for name, r in results.items()}
trace, plain, rss_a, rss_r, events = sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6])
gz = data["gzip -dc"]
size = os.path.getsize(plain)
print(f"trace: {trace}  ({os.path.getsize(trace)/2**20:.0f} MiB gzip, {size/2**20:.0f} MiB text, {events:,} events)")
print(f"{'command':<20}{'mean s':>9}{'× gzip -dc':>12}{'CPU s':>8}{'MiB/s':>9}{'M events/s':>12}")
for name in ["gzip -dc", "analyze", "analyze (zlib)", "replay x4", "replay x4 (zlib)", "analyze plain", "cat plain"]:
    if name not in data:
        continue
    t = data[name]
    cpu = results[name]["user"] + results[name]["system"]
    print(f"{name:<20}{t:>9.2f}{t/gz:>12.2f}{cpu:>8.2f}{size/2**20/t:>9.0f}{events/t/1e6:>12.1f}")
print(f"peak RSS: analyze {int(rss_a)/1024:.1f} MiB, replay x4 {int(rss_r)/1024:.1f} MiB")
rss_aj, rss_rj = int(sys.argv[7]), int(sys.argv[8])
print(f"peak RSS, --format json: analyze {rss_aj/1024:.1f} MiB, replay x4 {rss_rj/1024:.1f} MiB")
PY

# One more run of each kreplay binary under GNU time: wall, user and system seconds.
timed() { printf '%-20s' "$1"; shift; /usr/bin/time -f "wall %e s  user %U s  sys %S s" "$@" 2>&1 >/dev/null | tail -1; }
echo "one run each (/usr/bin/time):"
timed "analyze" "$kreplay" analyze -q "$trace" || true
[ -z "$zlib" ] || timed "analyze (zlib)" env KREPLAY_INFLATER=zlib "$kreplay" analyze -q "$trace" || true
