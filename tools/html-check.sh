#!/bin/sh
# The HTML report on a small and a big trace (issue 18): size, time against
# `analyze --format json`, and Chromium screenshots to look at.
#
#   tools/html-check.sh [OUTDIR]     # default out/html; uses .build/release/kreplay (built if missing)
#
# Small: `synth ffs-read --ncpu 8` replayed with four strategies. Big: `synth mixed
# --trace-bytes 256M` (override with BIG_BYTES=1G). Fails when the big page is over
# 4 MiB or takes more than 1.5x the time of `analyze --format json` (best of 3 each).
# Screenshots (whole page, zoomed to single IPIs, findings expanded) need chromium;
# without it they are skipped with a message.
set -eu
cd "$(dirname "$0")/.."
KREPLAY=${KREPLAY:-.build/release/kreplay}
[ -x "$KREPLAY" ] || swift build -c release --product kreplay
out=${1:-out/html}
mkdir -p "$out"
big_bytes=${BIG_BYTES:-256M}

"$KREPLAY" synth ffs-read --ncpu 8 --no-progress -o "$out/ffs-read-8cpu.trace"
"$KREPLAY" replay --strategy idle-lazy,no-wait-idle,deferred-unmap,none --format html \
    -o "$out/ffs-read-8cpu.html" "$out/ffs-read-8cpu.trace" || true
[ -f "$out/mixed-$big_bytes.trace.gz" ] ||
    "$KREPLAY" synth mixed --trace-bytes "$big_bytes" --no-progress -o "$out/mixed-$big_bytes.trace.gz"

best() { # best wall time of 3 runs of "$@", in ms
    b=
    for _ in 1 2 3; do
        s=$(date +%s%N)
        "$@" >/dev/null 2>&1 || true
        t=$(( ($(date +%s%N) - s) / 1000000 ))
        if [ -z "$b" ] || [ "$t" -lt "$b" ]; then b=$t; fi
    done
    echo "$b"
}
big="$out/mixed-$big_bytes.trace.gz"
json_ms=$(best "$KREPLAY" analyze --format json -o "$out/mixed.json" "$big")
html_ms=$(best "$KREPLAY" report --format html -o "$out/mixed-$big_bytes.html" "$big")
size=$(wc -c < "$out/mixed-$big_bytes.html")
echo "mixed $big_bytes: html $size bytes; analyze --format json ${json_ms} ms, report --format html ${html_ms} ms"
status=0
if [ "$size" -gt $(( 4 << 20 )) ]; then echo "FAIL: page over 4 MiB" >&2; status=1; fi
if [ $(( html_ms * 2 )) -gt $(( json_ms * 3 )) ]; then echo "FAIL: html slower than 1.5x json" >&2; status=1; fi

if command -v chromium >/dev/null 2>&1; then
    shot=tools/html-screenshot.sh
    $shot "$out/ffs-read-8cpu.html" "$out/ffs-read-8cpu.png" 1400x1900
    $shot "$out/ffs-read-8cpu.html" "$out/ffs-read-8cpu-zoom.png" 1400x1300 '#view=0.2-0.5'
    $shot "$out/ffs-read-8cpu.html" "$out/ffs-read-8cpu-findings.png" 1400x1400 '#open,findings'
    $shot "$out/mixed-$big_bytes.html" "$out/mixed-$big_bytes.png" 1400x1400
    $shot "$out/mixed-$big_bytes.html" "$out/mixed-$big_bytes-detail.png" 1400x1100 '#detail'
    $shot "$out/mixed-$big_bytes.html" "$out/mixed-$big_bytes-findings.png" 1400x1400 '#open,findings'
    for dom in "$out"/*.dom.html; do
        printf '%s: ' "$dom"
        grep -o 'data-mode="[a-z]*" data-ipis-drawn="[0-9]*"' "$dom" | tr '\n' ' '
        echo
    done
else
    echo "chromium not installed: no screenshots (apt-get install -y chromium)"
fi
exit $status
