#!/bin/bash
# A header-less Linux capture, as `cat /sys/kernel/tracing/trace_pipe > FILE` gives:
# no `# tracer:` line, no `# machine:` header, only event lines.
#
#   capture-pipe.sh [-e tlb|signals|both] [-f SYS:EVENT,…] [-o OUT.trace.gz] -- COMMAND [ARG...]
#
# -f names the events enabled FIRST (default sched:sched_switch), alone, 10 ms before
# the others, so the file starts with them: a capture that starts with `sched_switch`
# (an event both kernels' traces use) must still be read as Linux's (docs/inputs.md,
# "Which kernel recorded a trace"). Same instance handling as capture.sh (record-tgid
# on, instance removed on exit). Needs root.
set -euo pipefail
prog=capture-pipe.sh
# shellcheck source=tracefs-setup.sh
. "$(dirname "${BASH_SOURCE[0]}")/tracefs-setup.sh"

events=both
first=sched:sched_switch
output=headerless.trace.gz
name=kreplay-pipe-$$
while [ $# -gt 0 ]; do
    case "$1" in
    -e) events=$2; shift 2 ;;
    -f) first=$2; shift 2 ;;
    -o) output=$2; shift 2 ;;
    --) shift; break ;;
    *) break ;;
    esac
done
[ $# -gt 0 ] || { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 64; }

tracefs_select "$events" || { echo "capture-pipe.sh: unknown event set '$events'" >&2; exit 64; }
# Unlike capture.sh, without the tkill syscalls: this script never enabled them.
for i in "${!selected[@]}"; do
    case "${selected[$i]}" in syscalls:sys_enter_tkill | syscalls:sys_exit_tkill) unset "selected[$i]" ;; esac
done

tracefs_mount
tmp=$(mktemp)
cleanup() {
    tracefs_remove
    rm -f "$tmp"
}
trap cleanup EXIT

tracefs_create "$name"
echo 1 >"$instance/options/record-tgid"
IFS=, read -r -a early <<<"$first"
for event in "${early[@]}"; do echo "$event" >>"$instance/set_event"; done
echo 1 >"$instance/tracing_on"
sleep 0.01
tracefs_enable -q "${selected[@]}"
set +e
"$@"
status=$?
set -e
echo 0 >"$instance/tracing_on"
# trace_pipe is read once tracing is off: a live reader wakes up through irq_work IPIs and
# its own sched_switch lines, and floods the capture with itself. It blocks when the
# buffer is empty: timeout ends it.
timeout 1 cat "$instance/trace_pipe" >"$tmp" || true
gzip -9 -n -c "$tmp" >"$output"
echo "capture-pipe.sh: $(wc -l <"$tmp") lines -> $output ($(stat -c %s "$output") bytes); command exit $status" >&2
