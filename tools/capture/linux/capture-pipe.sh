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

tlb=(tlb:tlb_flush csd:csd_queue_cpu csd:csd_function_entry csd:csd_function_exit
    ipi:ipi_send_cpu ipi:ipi_send_cpumask power:cpu_idle sched:sched_switch)
sig=(signal:signal_generate signal:signal_deliver
    syscalls:sys_enter_wait4 syscalls:sys_exit_wait4 syscalls:sys_enter_kill syscalls:sys_exit_kill
    syscalls:sys_enter_tgkill syscalls:sys_exit_tgkill syscalls:sys_enter_ptrace syscalls:sys_exit_ptrace
    sched:sched_process_fork sched:sched_process_exit)
case "$events" in
tlb) selected=("${tlb[@]}") ;;
signals) selected=("${sig[@]}") ;;
both) selected=("${tlb[@]}" "${sig[@]}") ;;
*) echo "capture-pipe.sh: unknown event set '$events'" >&2; exit 64 ;;
esac

tracefs=/sys/kernel/tracing
[ -e "$tracefs/trace" ] || mount -t tracefs nodev "$tracefs"
instance=$tracefs/instances/$name
tmp=$(mktemp)
cleanup() {
    if [ -d "$instance" ]; then
        echo 0 >"$instance/tracing_on" 2>/dev/null || true
        : >"$instance/set_event" 2>/dev/null || true
        for _ in 1 2 3 4 5; do rmdir "$instance" 2>/dev/null && break; sleep 0.2; done
    fi
    rm -f "$tmp"
}
trap cleanup EXIT

mkdir "$instance"
echo 0 >"$instance/tracing_on"
echo 1 >"$instance/options/record-tgid"
IFS=, read -r -a early <<<"$first"
for event in "${early[@]}"; do echo "$event" >>"$instance/set_event"; done
echo 1 >"$instance/tracing_on"
sleep 0.01
for event in "${selected[@]}"; do
    grep -qx "$event" "$tracefs/available_events" && echo "$event" >>"$instance/set_event"
done
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
