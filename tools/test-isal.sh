#!/usr/bin/env bash
# The test suite again with the optional ISA-L inflater (package trait ISAL), in its own
# build folder. Needs libisal-dev (pkg-config libisal). CI runs only the default build
# (.ci/run); run this after touching Sources/KTrace/Input.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! pkg-config --exists libisal 2>/dev/null; then
    echo "libisal-dev is not installed (apt-get install libisal-dev)" >&2
    exit 1
fi
swift test --traits ISAL --scratch-path .build-isal "$@"
