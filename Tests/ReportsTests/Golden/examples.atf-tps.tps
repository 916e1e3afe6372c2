Content-Type: application/X-atf-tps; version="3"

info: atf.version, kreplay 0.1.0
info: tests.root, /work/kreplay
info: time.start, Wed Mar 14 04:00:00 UTC 2018
tps-count: 2
tp-start: 1521000000.5, Tests/Fixtures/ffs-read-4cpu.trace, 8
tc-start: 1521000000.5, replay_fidelity
tc-end: 1521000000.5, replay_fidelity, passed
tc-start: 1521000000.5, signal_no_double_post
tc-end: 1521000000.5, signal_no_double_post, skipped, no signal events in the trace
tc-start: 1521000000.5, signal_no_duplicate_wait
tc-end: 1521000000.5, signal_no_duplicate_wait, skipped, no signal events in the trace
tc-start: 1521000000.5, signal_no_lost_signals
tc-end: 1521000000.5, signal_no_lost_signals, skipped, no signal events in the trace
tc-start: 1521000000.5, tlb_no_redundant_shootdowns
tc-so:Tests/Fixtures/ffs-read-4cpu.trace:16: IPI to cpu1 redundant: cpu1 never cached the pages
tc-so:Tests/Fixtures/ffs-read-4cpu.trace:16: IPI to cpu2 redundant: cpu2 idle since t=10.000000 and never cached the pages
tc-so:Tests/Fixtures/ffs-read-4cpu.trace:16: IPI to cpu3 redundant: cpu3 idle since t=10.000000 and never cached the pages
tc-so:Tests/Fixtures/ffs-read-4cpu.trace:34: IPI to cpu2 redundant: cpu2 idle since t=10.000000 and never cached the pages
tc-so:Tests/Fixtures/ffs-read-4cpu.trace:34: IPI to cpu3 redundant: cpu3 idle since t=10.000000 and never cached the pages
tc-so:Tests/Fixtures/ffs-read-4cpu.trace:62: IPI to cpu1 redundant: cpu1 never cached the pages
tc-so:Tests/Fixtures/ffs-read-4cpu.trace:62: IPI to cpu2 redundant: cpu2 idle since t=10.000000 and never cached the pages
tc-so:Tests/Fixtures/ffs-read-4cpu.trace:62: IPI to cpu3 redundant: cpu3 idle since t=10.000000 and never cached the pages
tc-end: 1521000000.5, tlb_no_redundant_shootdowns, failed, 8 of 9 shootdown targets redundant (6 idle, 2 not-cached)
tc-start: 1521000000.5, tlb_no_stale_translations
tc-end: 1521000000.5, tlb_no_stale_translations, passed
tc-start: 1521000000.5, trace_variant_consistent
tc-end: 1521000000.5, trace_variant_consistent, passed
tc-start: 1521000000.5, trace_well_formed
tc-end: 1521000000.5, trace_well_formed, passed
tp-end: 1521000000.5, Tests/Fixtures/ffs-read-4cpu.trace
tp-start: 1521000000.5, Tests/Fixtures/ptrace-dbregs-race.trace, 8
tc-start: 1521000000.5, replay_fidelity
tc-end: 1521000000.5, replay_fidelity, passed
tc-start: 1521000000.5, signal_no_double_post
tc-so:Tests/Fixtures/ptrace-dbregs-race.trace:35: SIGSTOP posted twice to 601/1 for one _lwp_kill (callers kpsignal2 at line 31 and proc_stop)
tc-end: 1521000000.5, signal_no_double_post, failed, 1 double sigpost (line 35)
tc-start: 1521000000.5, signal_no_duplicate_wait
tc-so:Tests/Fixtures/ptrace-dbregs-race.trace:44: wait(WNOHANG) reports the SIGSTOP stop of 601 that line 37 already reported; no SIGSTOP generated since
tc-end: 1521000000.5, signal_no_duplicate_wait, failed, 1 duplicate wait return (line 44)
tc-start: 1521000000.5, signal_no_lost_signals
tc-end: 1521000000.5, signal_no_lost_signals, passed
tc-start: 1521000000.5, tlb_no_redundant_shootdowns
tc-end: 1521000000.5, tlb_no_redundant_shootdowns, skipped, no TLB events in the trace
tc-start: 1521000000.5, tlb_no_stale_translations
tc-end: 1521000000.5, tlb_no_stale_translations, skipped, no TLB events in the trace
tc-start: 1521000000.5, trace_variant_consistent
tc-end: 1521000000.5, trace_variant_consistent, passed
tc-start: 1521000000.5, trace_well_formed
tc-end: 1521000000.5, trace_well_formed, passed
tp-end: 1521000000.5, Tests/Fixtures/ptrace-dbregs-race.trace
info: time.end, Wed Mar 14 04:00:00 UTC 2018
