#!/bin/sh
# Flat-memory check for the Linux models: `kreplay analyze` of a generated Linux
# capture with GROUPS flush request → csd_queue_cpu → ipi_send_cpu → handler groups
# (about 800 bytes each: 400,000 make about 320 MB of text) must run in the same
# memory as one with 10,000. Each group also has a short-lived child process that is sent a
# signal, takes it and exits (the Linux signal rules' per-task state).
# Prints the maximum resident set size of both runs (GNU time -v) and fails when
# the big run needs more than twice the small one plus 8 MiB.
#
#   tools/linux-memory-check.sh [GROUPS]   # .build/release/kreplay unless KREPLAY is set
set -eu
cd "$(dirname "$0")/.."
KREPLAY=${KREPLAY:-.build/release/kreplay}
[ -x "$KREPLAY" ] || swift build -c release --product kreplay
big_groups=${1:-400000}
out=${TMPDIR:-/tmp}/kreplay-linux-memory.$$
trap 'rm -f "$out".*' EXIT
generate() {
    awk -v groups="$1" 'BEGIN {
        print "# tracer: nop"
        print "           b-11     (     10) [001] d..2.     0.500000: tlb_flush: pages:1 reason:local MM shootdown (3)"
        for (g = 0; g < groups; g++) {
            t = 1000000 + g * 100; lat = 1 + g % 50; tid = 1000 + g % 4000000
            printf "           a-10     (     10) [000] ...1. %6d.%06d: tlb_flush: pages:1 reason:remote IPI send (4)\n", t / 1000000, t % 1000000
            printf "           a-10     (     10) [000] ...2. %6d.%06d: csd_queue_cpu: cpu=1 callsite=on_each_cpu_cond_mask+0x20/0x60 func=flush_tlb_func csd=00000000000000a1\n", t / 1000000, t % 1000000
            printf "           a-10     (     10) [000] ...2. %6d.%06d: ipi_send_cpu: cpu=1 callsite=on_each_cpu_cond_mask+0x20/0x60 callback=generic_smp_call_function_single_interrupt+0x0/0x10\n", (t + 1) / 1000000, (t + 1) % 1000000
            u = t + 1 + lat
            printf "           b-11     (     10) [001] d.h..  %6d.%06d: csd_function_entry: func=flush_tlb_func, csd=00000000000000a1\n", u / 1000000, u % 1000000
            printf "           b-11     (     10) [001] d.h..  %6d.%06d: tlb_flush: pages:1 reason:remote shootdown (1)\n", u / 1000000, u % 1000000
            printf "           b-11     (     10) [001] d.h..  %6d.%06d: csd_function_exit: func=flush_tlb_func, csd=00000000000000a1\n", (u + 1) / 1000000, (u + 1) % 1000000
            v = t + 60
            printf "           a-10     (     10) [000] ...1. %6d.%06d: sched_process_fork: comm=a pid=10 child_comm=c child_pid=%d\n", v / 1000000, v % 1000000, tid
            printf "           a-10     (     10) [000] d..1. %6d.%06d: signal_generate: sig=10 errno=0 code=-6 comm=a pid=%d grp=0 res=0\n", v / 1000000, v % 1000000, tid
            printf "           c-%d  (%7d) [002] d..1. %6d.%06d: signal_deliver: sig=10 errno=0 code=-6 sa_handler=401136 sa_flags=14000000\n", tid, tid, (v + 1) / 1000000, (v + 1) % 1000000
            printf "           c-%d  (%7d) [002] ...1. %6d.%06d: sched_process_exit: comm=c pid=%d prio=120 group_dead=1\n", tid, tid, (v + 2) / 1000000, (v + 2) % 1000000, tid
        }
    }' | gzip -1 > "$out.gz"
}
rss() {
    generate "$1"
    /usr/bin/time -v "$KREPLAY" analyze --format json "$out.gz" > "$out.json" 2> "$out.time"
    sed -n 's/.*Maximum resident set size (kbytes): //p' "$out.time"
}
small=$(rss 10000)
start=$(date +%s)
big=$(rss "$big_groups")
elapsed=$(( $(date +%s) - start ))
echo "$big_groups groups: $(gzip -l "$out.gz" | awk 'NR == 2 { print $2 }') bytes of text, $(wc -c < "$out.gz") gzip"
echo "10000 groups: max RSS ${small} KiB"
echo "$big_groups groups: max RSS ${big} KiB, ${elapsed}s"
grep -o '"remote_flush_requests" : [0-9]*' "$out.json" | head -1
if [ "$big" -gt $(( small * 2 + 8192 )) ]; then
    echo "FAIL: memory grows with the trace" >&2
    exit 1
fi
echo "OK: flat memory"
