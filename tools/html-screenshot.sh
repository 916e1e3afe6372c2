#!/bin/sh
# Renders an HTML report with headless Chromium so a human (or a reviewer) can look at it.
#   tools/html-screenshot.sh REPORT.html [OUT.png] [WIDTHxHEIGHT]
# Needs chromium (Debian: apt-get install -y chromium). The page is self-contained: no network.
set -eu
html=${1:?usage: $0 REPORT.html [OUT.png] [WIDTHxHEIGHT]}
out=${2:-${html%.html}.png}
size=${3:-1400x1000}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$browser" ] || { echo "$0: chromium not found" >&2; exit 69; }
abs=$(cd "$(dirname "$html")" && pwd)/$(basename "$html")
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --window-size="$(echo "$size" | tr x ,)" --screenshot="$out" "file://$abs" >/dev/null 2>&1
echo "$out"
