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
    esac
done
echo "seeds.sh: $n seeds in seeds/$target" >&2
