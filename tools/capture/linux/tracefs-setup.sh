# The tracefs set-up capture.sh and capture-pipe.sh share; sourced, not run.
#
# The caller sets `prog` (its name, for messages) before calling these. Each capture
# uses a tracing instance of its own (instances/NAME), so the global trace buffer,
# its events and options are never touched.
#
#   tracefs_select SET            `selected` := the events of tlb, signals or both
#   tracefs_mount                 mount tracefs on $tracefs when needed (exit 66 if not)
#   tracefs_create NAME           `instance` := instances/NAME, made, tracing off (exit 64
#                                 if it exists: another capture)
#   tracefs_enable [-q] EVENT...  enable the events this kernel has, one at a time; the
#                                 others are skipped with a note (-q: silently)
#   tracefs_remove                tracing off, events off, instance removed (for the
#                                 caller's EXIT trap; retries while a reader holds it)
# shellcheck shell=bash disable=SC2034,SC2154  # selected/instance are for the caller; prog is its

tracefs=/sys/kernel/tracing

# The event sets (SPEC §2.4 and §3.3). Names that this kernel lacks are skipped, so one
# list works across kernel versions.
tracefs_tlb_events=(
    tlb:tlb_flush
    csd:csd_queue_cpu csd:csd_function_entry csd:csd_function_exit
    ipi:ipi_send_cpu ipi:ipi_send_cpumask
    power:cpu_idle
    sched:sched_switch
)
tracefs_signal_events=(
    signal:signal_generate signal:signal_deliver
    syscalls:sys_enter_wait4 syscalls:sys_exit_wait4
    syscalls:sys_enter_kill syscalls:sys_exit_kill
    syscalls:sys_enter_tgkill syscalls:sys_exit_tgkill
    syscalls:sys_enter_tkill syscalls:sys_exit_tkill
    syscalls:sys_enter_ptrace syscalls:sys_exit_ptrace
    sched:sched_process_fork sched:sched_process_exit
)

tracefs_select() {
    case "$1" in
    tlb) selected=("${tracefs_tlb_events[@]}") ;;
    signals) selected=("${tracefs_signal_events[@]}") ;;
    both) selected=("${tracefs_tlb_events[@]}" "${tracefs_signal_events[@]}") ;;
    *) return 1 ;;
    esac
}

tracefs_mount() {
    [ -e "$tracefs/trace" ] && return 0
    mount -t tracefs nodev "$tracefs" 2>/dev/null || {
        echo "$prog: cannot mount tracefs on $tracefs (root needed)" >&2
        exit 66
    }
}

tracefs_create() {
    instance=$tracefs/instances/$1
    if [ -e "$instance" ]; then
        local taken=$instance
        instance= # not ours: the EXIT trap must leave it alone
        echo "$prog: $taken already exists (another capture? pick -n NAME)" >&2
        exit 64
    fi
    mkdir "$instance"
    echo 0 >"$instance/tracing_on"
}

tracefs_enable() {
    local quiet=0 event
    [ "${1:-}" = -q ] && { quiet=1; shift; }
    for event in "$@"; do
        if grep -qx "$event" "$tracefs/available_events"; then
            echo "$event" >>"$instance/set_event"
        elif [ "$quiet" = 0 ]; then
            echo "$prog: note: this kernel has no $event" >&2
        fi
    done
}

tracefs_remove() {
    [ -n "${instance:-}" ] && [ -d "$instance" ] || return 0
    echo 0 >"$instance/tracing_on" 2>/dev/null || true
    : >"$instance/set_event" 2>/dev/null || true
    # rmdir fails while a reader holds the buffer open; retry briefly.
    for _ in 1 2 3 4 5; do rmdir "$instance" 2>/dev/null && break; sleep 0.2; done
    [ -d "$instance" ] && echo "$prog: could not remove $instance; rmdir it by hand" >&2
    return 0
}
