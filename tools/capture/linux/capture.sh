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

# The event sets (SPEC §2.4 and §3.3). Names that this kernel lacks are skipped
# with a note, so one list works across kernel versions.
tlb_events=(
    tlb:tlb_flush
    csd:csd_queue_cpu csd:csd_function_entry csd:csd_function_exit
    ipi:ipi_send_cpu ipi:ipi_send_cpumask
    power:cpu_idle
    sched:sched_switch
)
signal_events=(
    signal:signal_generate signal:signal_deliver
    syscalls:sys_enter_wait4 syscalls:sys_exit_wait4
    syscalls:sys_enter_kill syscalls:sys_exit_kill
    syscalls:sys_enter_tgkill syscalls:sys_exit_tgkill
    syscalls:sys_enter_tkill syscalls:sys_exit_tkill
    syscalls:sys_enter_ptrace syscalls:sys_exit_ptrace
    sched:sched_process_fork sched:sched_process_exit
)
case "$events" in
tlb) selected=("${tlb_events[@]}") ;;
signals) selected=("${signal_events[@]}") ;;
both) selected=("${tlb_events[@]}" "${signal_events[@]}") ;;
*:*) IFS=, read -r -a selected <<<"$events" ;;
*) echo "capture.sh: unknown event set '$events' (tlb, signals, both, or system:event,…)" >&2; exit 64 ;;
esac

tracefs=/sys/kernel/tracing
if [ ! -e "$tracefs/trace" ]; then
    mount -t tracefs nodev "$tracefs" 2>/dev/null || {
        echo "capture.sh: cannot mount tracefs on $tracefs (root needed)" >&2
        exit 66
    }
fi
instance=$tracefs/instances/$name
if [ -e "$instance" ]; then
    echo "capture.sh: $instance already exists (another capture? pick -n NAME)" >&2
    exit 64
fi

cleanup() {
    local status=$?
    trap - EXIT INT TERM HUP
    if [ -d "$instance" ]; then
        echo 0 >"$instance/tracing_on" 2>/dev/null || true
        : >"$instance/set_event" 2>/dev/null || true
        # rmdir fails while a reader holds the buffer open; retry briefly.
        for _ in 1 2 3 4 5; do rmdir "$instance" 2>/dev/null && break; sleep 0.2; done
        [ -d "$instance" ] && echo "capture.sh: could not remove $instance; rmdir it by hand" >&2
    fi
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

mkdir "$instance"
echo 0 >"$instance/tracing_on"
echo "$buffer_kb" >"$instance/buffer_size_kb"
echo "$tgid" >"$instance/options/record-tgid"
for option in ${options[@]+"${options[@]}"}; do
    key=${option%%=*}
    value=${option#*=}
    [ -e "$instance/options/$key" ] || { echo "capture.sh: no option '$key'" >&2; exit 64; }
    echo "$value" >"$instance/options/$key"
done
for event in "${selected[@]}"; do
    if grep -qx "$event" "$tracefs/available_events"; then
        echo "$event" >>"$instance/set_event"
    else
        echo "capture.sh: note: this kernel has no $event" >&2
    fi
done
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
