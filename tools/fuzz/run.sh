#!/bin/sh
# Builds the fuzz targets (libFuzzer + AddressSanitizer) and runs one of them.
#   tools/fuzz/run.sh TARGET SECONDS [extra libFuzzer flags…]
# Environment: FUZZ_CONFIG=debug|release (default debug).
# TARGET: FuzzLineParser | FuzzDecompress | FuzzAnalysis | FuzzHotPath (or parser|decompress|analysis|hotpath).
# Crashes land in tools/fuzz/artifacts/TARGET/, the grown corpus in corpus/TARGET/.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
target=${1:?usage: run.sh TARGET SECONDS}
seconds=${2:?usage: run.sh TARGET SECONDS}
shift 2
case $target in
parser) target=FuzzLineParser ;;
decompress) target=FuzzDecompress ;;
analysis) target=FuzzAnalysis ;;
hotpath) target=FuzzHotPath ;;
esac
case $target in
FuzzLineParser) maxlen=4096 ;;
FuzzDecompress) maxlen=16384 ;;
FuzzAnalysis) maxlen=8192 ;;
FuzzHotPath) maxlen=4096 ;;
*) echo "run.sh: unknown target $target" >&2; exit 64 ;;
esac
cd "$here"
# `--sanitize=fuzzer` makes SwiftPM link libFuzzer's main; the combined flag after it is what
# swiftc uses (given `-sanitize=fuzzer -sanitize=address`, the last wins: no coverage).
# FUZZ_CONFIG=release: -O keeps overflow and bounds checks and runs several times faster.
# -enable-testing: FuzzHotPath reads the parser's internals (`@testable import KTrace`).
build="swift build -c ${FUZZ_CONFIG:-debug} --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing"
# SwiftPM caches the path dependency's file list: files added to the main package
# (a merge) are missed unless the build plan is made afresh.
rm -f .build/debug.yaml .build/release.yaml
$build --product "$target" >&2
"$here/seeds.sh" "$target"
mkdir -p "corpus/$target" "artifacts/$target"
exec "$($build --show-bin-path)/$target" \
    "corpus/$target" "seeds/$target" \
    -max_total_time="$seconds" -max_len="$maxlen" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="artifacts/$target/" -dict="$here/kreplay.dict" -print_final_stats=1 "$@"
