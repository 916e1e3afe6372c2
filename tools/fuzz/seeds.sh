#!/bin/sh
# Builds the seed corpus of one target from traces/ (compressed and decompressed)
# and Tests/Fixtures/, with the selector byte(s) each target expects in front.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
target=${1:?usage: seeds.sh TARGET}
out="$here/seeds/$target"
rm -rf "$out"
mkdir -p "$out"
n=0
add() { # add SELECTOR_BYTES FILE
    n=$((n + 1))
    { printf "$1"; cat "$2"; } >"$out/seed-$n"
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for gz in "$root"/traces/*.gz; do
    base=$(basename "$gz" .gz)
    gzip -dc "$gz" >"$tmp/$base"
done
plain="$tmp/*.trace $root/Tests/Fixtures/*.trace"
for file in $plain; do
    # Keep seeds under the targets' max_len: the first 150 lines.
    head -n 150 "$file" >"$tmp/cut"
    case $target in
    FuzzLineParser) add '\000' "$tmp/cut"; add '\003' "$tmp/cut" ;;
    FuzzDecompress)
        add '\000\000' "$tmp/cut"
        add '\003\000' "$tmp/cut"
        add '\004\000' "$tmp/cut"
        gzip -c "$tmp/cut" >"$tmp/cut.gz"; add '\000\000' "$tmp/cut.gz"
        ;;
    FuzzAnalysis) for s in '\000' '\001' '\002' '\003' '\004' '\005' '\006' '\007'; do add "$s" "$tmp/cut"; done ;;
    FuzzHotPath) ;;
    esac
done
if [ "$target" = FuzzHotPath ]; then
    # Event lines only (the target supplies the header and a first event): the
    # first 60, and the first line of every event name, of every trace and fixture
    # (the fast paths are per name: TLB, UBC, signal, ptrace, wait).
    for file in $plain "$root"/Tests/Fixtures/*/*.trace "$root"/Tests/Fixtures/realworld/*.txt; do
        [ -f "$file" ] || continue
        grep -v '^#' "$file" | head -n 60 >"$tmp/cut"
        add '\000' "$tmp/cut"; add '\001' "$tmp/cut"
        grep -v '^#' "$file" | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+\.[0-9]+:$/) { name = $(i + 1); break }
            if (!(name in seen)) { seen[name] = 1; print } }' | head -c 4000 >"$tmp/names"
        add '\000' "$tmp/names"; add '\001' "$tmp/names"
    done
fi
echo "seeds.sh: $n seeds in seeds/$target" >&2
