#!/bin/sh
# Constant-memory check for `kreplay synth`: a 4 GiB ffs-read (about 900 MB of
# trace text) must run in the same memory as a 4 MiB one. Prints the maximum
# resident set size of both runs (GNU time -v) and fails when the big run needs
# more than twice the small one plus 8 MiB.
#
#   tools/synth-memory-check.sh     # uses .build/release/kreplay (built if missing)
set -eu
cd "$(dirname "$0")/.."
KREPLAY=${KREPLAY:-.build/release/kreplay}
[ -x "$KREPLAY" ] || swift build -c release --product kreplay
out=${TMPDIR:-/tmp}/kreplay-synth-memory.$$
trap 'rm -f "$out".*' EXIT
rss() {
    /usr/bin/time -v "$KREPLAY" synth ffs-read --ncpu 8 --no-progress -o "$out.gz" "$@" 2> "$out.time"
    sed -n 's/.*Maximum resident set size (kbytes): //p' "$out.time"
}
small=$(rss --size 4M)
start=$(date +%s)
big=$(rss --size 4G)
elapsed=$(( $(date +%s) - start ))
echo "ffs-read --size 4M: max RSS ${small} KiB"
echo "ffs-read --size 4G: max RSS ${big} KiB, $(wc -c < "$out.gz") bytes gzip, ${elapsed}s"
if [ "$big" -gt $(( small * 2 + 8192 )) ]; then
    echo "FAIL: memory grows with --size" >&2
    exit 1
fi
echo "OK: constant memory"
