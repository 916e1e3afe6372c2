#!/bin/sh
# Regenerates the synthetic sample traces in traces/ with the exact commands
# listed in traces/README.md. The hand-written examples (ffs-read-4cpu,
# ptrace-dbregs-race) are not touched. Output is byte-for-byte reproducible.
#
#   tools/make-traces.sh            # uses .build/release/kreplay (built if missing)
#   KREPLAY=path/to/kreplay tools/make-traces.sh
set -eu
cd "$(dirname "$0")/.."
KREPLAY=${KREPLAY:-.build/release/kreplay}
if [ ! -x "$KREPLAY" ]; then
    swift build -c release --product kreplay
fi
synth() {
    out=$1
    shift
    "$KREPLAY" synth "$@" --seed 1 --no-progress -o "traces/$out"
    echo "traces/$out: $(wc -c < "traces/$out") bytes"
}
synth ffs-read-2cpu.trace.gz ffs-read --size 1M --ncpu 2
synth ffs-read-8cpu.trace.gz ffs-read --size 1M --ncpu 8 --busy-readers 1
synth ffs-read-8cpu-winshift17.trace.gz ffs-read --size 1M --ncpu 8 --busy-readers 1 --winshift 17
synth ffs-read-8cpu-xen.trace.gz ffs-read --size 1M --ncpu 8 --busy-readers 1 --variant amd64-xen
synth ffs-read-8cpu-xen-winshift17.trace.gz ffs-read --size 1M --ncpu 8 --busy-readers 1 --variant amd64-xen --winshift 17
synth ffs-read-32cpu.trace.gz ffs-read --size 512K --ncpu 32 --busy-readers 2 --idle 24
synth ffs-read-32cpu-xen-winshift17.trace.gz ffs-read --size 4M --ncpu 32 --busy-readers 2 --idle 24 --variant amd64-xen --winshift 17
synth ffs-read-8cpu-i386-pae.trace.gz ffs-read --size 256K --ncpu 8 --variant i386-pae
synth ffs-read-4cpu-reuse.trace.gz ffs-read --size 256K --ncpu 4 --busy-readers 1 --ubc-windows 4
synth ptrace-dbregs-race-synth.trace.gz ptrace-dbregs --race
synth ptrace-dbregs-fixed.trace.gz ptrace-dbregs --no-race
synth lwp-kill-4cpu-race.trace.gz lwp-kill --count 20 --lwps 3 --race
synth lwp-kill-4cpu-fixed.trace.gz lwp-kill --count 20 --lwps 3 --no-race
synth mixed-8cpu.trace.gz mixed --size 1M --ncpu 8 --readers 2 --members 2
