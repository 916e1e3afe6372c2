#!/bin/sh
# Renders an HTML report with headless Chromium so a human (or a reviewer) can look at it.
#   tools/html-screenshot.sh REPORT.html [OUT.png] [WIDTHxHEIGHT] [#FRAGMENT]
# FRAGMENT: #view=FROM-TO (ms after each trace's start), #detail (zoom to single IPIs), #open
# (expand every findings section), #findings (scroll to the findings); combine: #open,findings. Also writes OUT.dom.html: the DOM after the scripts ran
# (--dump-dom), where each timeline says what it drew (data-mode, data-ipis-drawn).
# Needs chromium (Debian: apt-get install -y chromium); exits 69 without it. No network.
set -eu
html=${1:?usage: $0 REPORT.html [OUT.png] [WIDTHxHEIGHT] [#FRAGMENT]}
out=${2:-${html%.html}.png}
size=${3:-1400x1000}
fragment=${4:-}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$browser" ] || { echo "$0: chromium not found" >&2; exit 69; }
abs=$(cd "$(dirname "$html")" && pwd)/$(basename "$html")
flags="--headless --no-sandbox --disable-gpu --hide-scrollbars --disable-extensions --no-first-run"
flags="$flags --user-data-dir=$(mktemp -d) --virtual-time-budget=5000"
# shellcheck disable=SC2086
"$browser" $flags --window-size="$(echo "$size" | tr x ,)" --screenshot="$out" "file://$abs$fragment" \
    >/dev/null 2>&1
# shellcheck disable=SC2086
"$browser" $flags --dump-dom "file://$abs$fragment" 2>/dev/null >"${out%.png}.dom.html"
echo "$out"
