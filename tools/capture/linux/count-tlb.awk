#!/usr/bin/awk -f
# Counts the Linux TLB protocol of a capture from its raw lines, independently of
# kreplay (the tests' expected numbers come from this): zcat F | awk -f count-tlb.awk
#   requests  tlb_flush reason:remote IPI send (4)
#   targets   csd_queue_cpu func=flush_tlb_func
#   ipis      ipi_send_cpu/ipi_send_cpumask on the CPU that queued a flush target not yet sent
#   needed / lazy / notloaded   handler (csd_function_entry with a queued csd, csd != 0) that
#             flushed (reason 1) / switched (reason 0) / neither, before its csd_function_exit
#   idle      targets whose CPU was idle at the queue (cpu_idle state!=4294967295 or a
#             switch to pid 0, with no exit since)
#   latency   IPI send (else queue) time -> handler entry, in ns: count p50 p99 max (nearest rank)
function usec(t) { sub(/:$/, "", t); split(t, p, "."); return p[1] * 1000000000 + p[2] * 1000 }
{
    if ($0 ~ /^#/) next
    if (!match($0, /\[[0-9]+\]/)) next
    cpu = substr($0, RSTART + 1, RLENGTH - 2) + 0
    rest = substr($0, RSTART + RLENGTH)
    n = split(rest, w, " ")
    for (i = 1; i <= n; i++) if (w[i] ~ /^[0-9]+\.[0-9]+:$/) break
    t = usec(w[i]); ev = w[i + 1]
    if (ev == "tlb_flush:") {
        if (rest ~ /reason:remote IPI send/) { requests++; unsent[cpu] = "" }
        if (open[cpu]) {
            if (rest ~ /\(1\)$/) fl[cpu] = 1
            if (rest ~ /\(0\)$/) ts[cpu] = 1
        }
    } else if (ev == "csd_queue_cpu:" && rest ~ /func=flush_tlb_func/) {
        match(rest, /cpu=[0-9]+/); tgt = substr(rest, RSTART + 4, RLENGTH - 4) + 0
        match(rest, /csd=[0-9a-f]+/); csd = substr(rest, RSTART + 4, RLENGTH - 4)
        targets++
        if (idle[tgt]) idletargets++
        q = tgt "," csd; queue_time[q] = t
        unsent[cpu] = unsent[cpu] " " tgt
    } else if (ev == "ipi_send_cpu:" || ev == "ipi_send_cpumask:") {
        if (unsent[cpu] != "") {
            if (ev == "ipi_send_cpu:") { match(rest, /cpu=[0-9]+/); list = substr(rest, RSTART + 4, RLENGTH - 4) }
            else { match(rest, /cpumask=[0-9,-]+/); list = substr(rest, RSTART + 8, RLENGTH - 8) }
            hit = 0; m = split(list, parts, ",")
            for (k = 1; k <= m; k++) {
                split(parts[k], r, "-"); lo = r[1] + 0; hi = (r[2] == "" ? lo : r[2] + 0)
                for (c = lo; c <= hi; c++) if (index(unsent[cpu] " ", " " c " ")) { hit = 1; sent[c] = t; sub(" " c "( |$)", " ", unsent[cpu]) }
            }
            if (hit) ipis++
            gsub(/^ +| +$/, "", unsent[cpu])
        }
    } else if (ev == "csd_function_entry:" && rest ~ /func=flush_tlb_func/) {
        match(rest, /csd=[0-9a-f]+/); csd = substr(rest, RSTART + 4, RLENGTH - 4)
        if (csd !~ /^0+$/ && ((cpu "," csd) in queue_time)) {
            s = (cpu in sent) ? sent[cpu] : queue_time[cpu "," csd]
            lat[++nlat] = t - s; delete sent[cpu]; delete queue_time[cpu "," csd]
            open[cpu] = 1; fl[cpu] = 0; ts[cpu] = 0
        }
    } else if (ev == "csd_function_exit:" && open[cpu]) {
        open[cpu] = 0
        if (fl[cpu]) needed++; else if (ts[cpu]) lazy++; else notloaded++
    } else if (ev == "cpu_idle:") {
        idle[cpu] = (rest ~ /state=4294967295/) ? 0 : 1
    } else if (ev == "sched_switch:") {
        idle[cpu] = (rest ~ /next_pid=0 /) ? 1 : 0
    }
}
END {
    for (a = 2; a <= nlat; a++) { v = lat[a]; b = a - 1; while (b >= 1 && lat[b] > v) { lat[b + 1] = lat[b]; b-- } lat[b + 1] = v }
    p50 = nlat ? lat[int((50 * nlat + 99) / 100)] : 0
    p99 = nlat ? lat[int((99 * nlat + 99) / 100)] : 0
    printf "requests=%d targets=%d ipis=%d needed=%d lazy=%d notloaded=%d idle=%d latency=%d/%d/%d/%d\n", \
        requests, targets, ipis, needed, lazy, notloaded, idletargets, nlat, p50, p99, lat[nlat]
}
