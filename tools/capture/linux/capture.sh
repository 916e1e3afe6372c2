#!/bin/bash
# Capture a Linux kernel trace for kreplay through tracefs (no trace-cmd needed).
#
#   capture.sh [-e tlb|signals|both|SYS:EVENT,…] [-b KB] [-o OUT.trace.gz] [-n NAME]
#              [-O option=0|1]... [--no-tgid] -- COMMAND [ARG...]
#
# Uses a tracing instance of its own (instances/NAME), so the global trace
# buffer, its events and options are never touched; the instance is removed on
# exit, also on Ctrl-C, TERM or HUP. Needs root (or write access to tracefs).
# The saved text is what `cat instances/NAME/trace` prints, gzip-compressed,
# with `# machine:` (ncpu, Linux signal numbers) and `# kernel:` header lines
# added after ftrace's first line, so kreplay knows the CPU count even when one
# CPU recorded nothing.
set -euo pipefail
prog=capture.sh
# shellcheck source=tracefs-setup.sh
. "$(dirname "${BASH_SOURCE[0]}")/tracefs-setup.sh"

events=both
buffer_kb=8192
output=
name=kreplay-$$
tgid=1
declare -a options=()

usage() {
    sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 64
}

while [ $# -gt 0 ]; do
    case "$1" in
    -e) events=$2; shift 2 ;;
    -b) buffer_kb=$2; shift 2 ;;
    -o) output=$2; shift 2 ;;
    -n) name=$2; shift 2 ;;
    -O) options+=("$2"); shift 2 ;;
    --no-tgid) tgid=0; shift ;;
    --) shift; break ;;
    -h | --help) usage ;;
    *) break ;;
    esac
done
[ $# -gt 0 ] || usage
[ -n "$output" ] || output=capture-$events-$(date +%Y%m%d-%H%M%S).trace.gz

# The event sets are tracefs-setup.sh's; events this kernel lacks are skipped with a note.
case "$events" in
*:*) IFS=, read -r -a selected <<<"$events" ;;
*) tracefs_select "$events" || {
    echo "capture.sh: unknown event set '$events' (tlb, signals, both, or system:event,…)" >&2
    exit 64
} ;;
esac

tracefs_mount

cleanup() {
    local status=$?
    trap - EXIT INT TERM HUP
    tracefs_remove
    [ -n "${tmp:-}" ] && rm -f "$tmp"
    if [ -n "${child:-}" ]; then
        kill -TERM "$child" 2>/dev/null || true
        echo "capture.sh: interrupted; no trace saved" >&2
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

tracefs_create "$name"
echo "$buffer_kb" >"$instance/buffer_size_kb"
echo "$tgid" >"$instance/options/record-tgid"
for option in ${options[@]+"${options[@]}"}; do
    key=${option%%=*}
    value=${option#*=}
    [ -e "$instance/options/$key" ] || { echo "capture.sh: no option '$key'" >&2; exit 64; }
    echo "$value" >"$instance/options/$key"
done
tracefs_enable "${selected[@]}"
: >"$instance/trace"

echo 1 >"$instance/tracing_on"
# The command runs in the background so that a signal to this script stops the
# capture at once (bash runs traps only between commands); it is passed on.
set +e
"$@" <&0 &
child=$!
wait "$child"
command_status=$?
child=
set -e
echo 0 >"$instance/tracing_on"

tmp=$(mktemp)
arch=$(uname -m)
[ "$arch" = x86_64 ] && arch=amd64
# ftrace's own `# tracer: nop` stays the first line (kreplay reads such a file as
# Linux); the keyed headers go right after it.
sed "1a # machine: arch=$arch ncpu=$(nproc --all) signals=linux\\n# kernel: Linux $(uname -r)" \
    "$instance/trace" >"$tmp"
gzip -9 -n -c "$tmp" >"$output"

# The ring buffer overwrites its oldest events when full: say so.
header=$(grep -m1 '^# entries-in-buffer' "$tmp" || true)
if [[ $header =~ ([0-9]+)/([0-9]+) ]] && [ "${BASH_REMATCH[1]}" != "${BASH_REMATCH[2]}" ]; then
    echo "capture.sh: warning: buffer kept ${BASH_REMATCH[1]} of ${BASH_REMATCH[2]} events; raise -b" >&2
fi
echo "capture.sh: $(grep -vc '^#' "$tmp") events -> $output ($(stat -c %s "$output") bytes); command exit $command_status" >&2
exit "$command_status"
