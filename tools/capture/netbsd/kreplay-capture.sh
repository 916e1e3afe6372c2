#!/bin/sh
#
# kreplay-capture.sh -- run kreplay.d around a command on NetBSD and write a
# kreplay trace: the D script's lines, sorted by timestamp (DTrace prints
# each CPU's buffer in turn), gzipped.
#
# usage: kreplay-capture.sh [-o FILE] [-v VARIANT] [-t PROGRAM:TEST_CASE]
#                           [-Z] -- COMMAND [ARG...]
#   -o FILE     output (default: kreplay-capture.trace.gz); - for stdout
#   -v VARIANT  amd64, amd64-xen, i386, i386-pae, ... (default: from uname
#               and the kernel's config name: *XEN* -> -xen, i386 *PAE* -> -pae)
#   -t P:TC     adds "# test: program=P test_case=TC"
#   -Z          let dtrace start even if some probes do not exist (see README)
#
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=kreplay-capture.trace.gz
variant=
test=
zflag=
while getopts o:v:t:Z opt; do
	case $opt in
	o) out=$OPTARG ;;
	v) variant=$OPTARG ;;
	t) test=$OPTARG ;;
	Z) zflag=-Z ;;
	*) echo "usage: $0 [-o FILE] [-v VARIANT] [-t P:TC] [-Z] -- COMMAND [ARG...]" >&2; exit 64 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || { echo "$0: no command to run" >&2; exit 64; }

if [ -z "$variant" ]; then
	machine=$(uname -m)
	ident=$(sysctl -n kern.version 2>/dev/null | sed -n '1s/.*(\([^)]*\)).*/\1/p')
	variant=$machine
	case $machine:$ident in i386:*PAE*) variant=$variant-pae ;; esac
	case $ident in *XEN*) variant=$variant-xen ;; esac
fi
tp=${test%%:*}
tc=${test#*:}
[ -n "$test" ] || { tp=; tc=; }

raw=$(mktemp "${TMPDIR:-/tmp}/kreplay.XXXXXX")
head=$(mktemp "${TMPDIR:-/tmp}/kreplay.XXXXXX")
trap 'rm -f "$raw" "$head" "$raw.sorted"' EXIT

# shellcheck disable=SC2086
dtrace $zflag -q -s "$here/kreplay.d" -c "$*" "$variant" "$tp" "$tc" > "$raw"

# Header lines first, in their order; events by (seconds, nanoseconds), ties
# in the order dtrace printed them (one CPU's lines stay in order).
awk -v head="$head" '
	/^#/ { print > head; next }
	/^[ \t]*$/ { next }
	{
		for (i = 1; i < NF; i++)
			if ($i ~ /^\[[0-9]+\]$/) break
		ts = $(i + 1); sub(/:$/, "", ts)
		split(ts, part, ".")
		printf "%012d%s\t%012d\t%s\n", part[1], part[2], NR, $0
	}' "$raw" | sort -t "$(printf '\t')" -k1,1 -k2,2 | cut -f3- > "$raw.sorted"
if [ "$out" = - ]; then
	cat "$head" "$raw.sorted" | gzip
else
	cat "$head" "$raw.sorted" | gzip > "$out"
fi
