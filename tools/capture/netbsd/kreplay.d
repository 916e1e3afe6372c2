/*
 * kreplay.d -- record a kreplay trace (docs SPEC §1) on a running NetBSD 8
 * amd64 kernel with DTrace.  Usage (see README.md next to this file):
 *
 *	dtrace -q -s kreplay.d -c 'cat /some/big/file' [VARIANT [TP TC]] > raw.txt
 *	tools/capture/netbsd/kreplay-capture.sh -- cat /some/big/file  (sorted, gzipped)
 *
 * One kreplay line per probe firing, in the ftrace layout kreplay reads:
 *	comm-pid [cpu] sec.nsec: event: key=value ...
 * DTrace prints each CPU's buffer in turn, not in time order: sort the lines
 * by timestamp before kreplay reads them (kreplay-capture.sh does).
 *
 * What no probe can show is not invented: a hardware TLB fill has no probe,
 * so the header says "tlb_fill=none" and kreplay classifies shootdowns with
 * SPEC §2.1's limited rules.  Which PTEs were used (PG_U) is what the kernel's
 * own pmap_tlb_shootdown() calls say: pmap.c queues only used pages.
 *
 * D of NetBSD 8 has no if/else and no loops: every choice is a predicate,
 * every per-page line an unrolled clause (TP_MAXVA = 6 of them).
 *
 * Sources read (NetBSD/src; revision named at each probe):
 *   sys/arch/x86/x86/pmap_tlb.c 1.6.2.1 (netbsd-8, 2017/12/03)
 *   sys/arch/x86/x86/pmap.c (netbsd-8: pmap_kremove -> static pmap_kremove1)
 *   sys/arch/x86/x86/cpu.c (x86_cpu_idle_halt / x86_cpu_idle_mwait)
 *   sys/arch/x86/include/i82489var.h (LAPIC_TLB_VECTOR 0xe1)
 *   sys/kern/kern_idle.c 1.25, sys/kern/kern_synch.c (mi_switch)
 *   sys/uvm/uvm_bio.c 1.83 (ubc_alloc/ubc_release, int ubc_winshift)
 *   sys/kern/kern_sig.c 1.320 (sigpost SDT, kpsignal2, trapsignal, issignal,
 *     sigswitch, proc_stop, proc_stop_done, proc_unstop, postsig)
 *   sys/kern/sys_lwp.c 1.57 (sys__lwp_kill -> kpsignal2, ksi_lid = target)
 *   sys/kern/kern_exit.c 1.245 (proc:::exit SDT), sys/sys/proc.h (p_xexit,
 *     do_sys_waitid prototype, SSTOP 4, SACTIVE 2, PSL_TRACED 0x800)
 *   sys/kern/kern_fork.c 1.194 (proc:::create SDT)
 *   sys/kern/sys_ptrace.c, sys_ptrace_common.c 1.28 (sys_ptrace -> do_ptrace)
 */

#pragma D option quiet
#pragma D option defaultargs
#pragma D option bufsize=8m
#pragma D option dynvarsize=16m
#pragma D option switchrate=20hz

/* sys/sys/proc.h: p_stat values and p_slflag bits. */
inline int SACTIVE = 2;
inline int SSTOP = 4;
inline int PSL_TRACED = 0x800;
/* sys/sys/ptrace.h, sys/arch/amd64/include/ptrace.h (PT_FIRSTMACH 32). */
inline int PT_TRACE_ME = 0;
inline int PT_CONTINUE = 7;
inline int PT_DETACH = 10;
inline int PT_STEP = 32;
/*
 * pmap_tlb.c 1.6.2.1: pmap_tlb_packet_t lives in curcpu()->ci_pmap_data:
 * uintptr_t tp_va[14]; uint16_t tp_count; uint16_t tp_pte; int tp_userpmap;
 * kcpuset_t *tp_cpumask.  TP_MAXVA 6; tp_count 0xffff = flush everything.
 * The typedef is local to pmap_tlb.c, so the LP64 offsets are spelled here.
 */
inline int TP_MAXVA = 6;
inline int TP_COUNT_OFF = 112;
inline int TP_USER_OFF = 116;
inline int TP_MASK_OFF = 120;
inline int TP_FULL = 0xffff;
inline uint64_t VA_ALL = 0xffffffffffffffff;
/* The kernel pmap: sys/arch/x86/x86/pmap.c `kernel_pmap_ptr`. */
inline uint64_t KPMAP = (uint64_t)`kernel_pmap_ptr;

BEGIN
{
	/* @header_version */
	printf("# kreplay-trace: version=1\n");
	/*
	 * ncpu: sys/kern/kern_cpu.c; ubc_winshift: uvm_bio.c 1.83 (run time:
	 * amd64 may override UBC_WINSHIFT); tp_maxva: TP_MAXVA of pmap_tlb.c
	 * 1.6.2.1 (a #define, not readable at run time).  variant: $$1 (the
	 * wrapper names XEN/PAE kernels), else the kernel's `machine`.
	 */
	/* @header_machine */
	printf("# machine: arch=%s variant=%s ncpu=%d ubc_winshift=%d tp_maxva=%d\n",
	    stringof(`machine), $$1 != "" ? $$1 : stringof(`machine), `ncpu,
	    `ubc_winshift, TP_MAXVA);
	/* sys/conf/newvers.sh: ostype, osrelease, kernel_ident. */
	/* @header_kernel */
	printf("# kernel: %s %s (%s)\n", stringof(`ostype),
	    stringof(`osrelease), stringof(`kernel_ident));
	/* No probe sees a hardware TLB fill: kreplay uses SPEC §2.1's limited rules. */
	/* @header_capture */
	printf("# capture: source=netbsd-dtrace tlb_fill=none\n");
}

BEGIN
/$$2 != ""/
{
	/* @header_test */
	printf("# test: program=%s test_case=%s\n", $$2, $$3);
}

/* ---------------------------------------------------------------- TLB -- */

/* pmap.c (netbsd-8): void pmap_kremove(vaddr_t sva, vsize_t len). */
fbt::pmap_kremove:entry
{
	/* @pmap_kremove */
	printf("%s-%d [%03d] %d.%09d: pmap_kremove: va=0x%x len=%d\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    arg0, arg1);
}

/*
 * pmap.c (netbsd-8): void pmap_remove(struct pmap *, vaddr_t sva, vaddr_t eva).
 * A user pmap is named by its address with bit 63 cleared, in decimal:
 * NetBSD 8's D has lltostr() but no hex string conversion, and kreplay reads
 * one spelling per pmap (every pmap= field below uses this one).
 */
fbt::pmap_remove:entry
{
	/* @pmap_remove */
	printf("%s-%d [%03d] %d.%09d: pmap_remove: pmap=%s sva=0x%x eva=0x%x\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    arg0 == KPMAP ? "kernel" : lltostr(arg0 & 0x7fffffffffffffff),
	    arg1, arg2);
}

/* pmap.c (netbsd-8): void pmap_update(struct pmap *) calls pmap_tlb_shootnow(). */
fbt::pmap_update:entry
{
	/* @pmap_update */
	printf("%s-%d [%03d] %d.%09d: pmap_update: pmap=%s\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    arg0 == KPMAP ? "kernel" : lltostr(arg0 & 0x7fffffffffffffff));
}

/*
 * pmap_tlb.c 1.6.2.1: void pmap_tlb_shootdown(struct pmap *pm, vaddr_t va,
 * pt_entry_t pte, tlbwhy_t why) queues va (or -1: everything) in this CPU's
 * packet.  It returns at once when curlwp->l_md.md_gc_pmap == pm.  pmap.c
 * calls it only for PTEs with PG_U set: these lines are the used pages.
 * why: tlbwhy_t, 0 APTE .. 13 BUS_SPACE (sys/arch/x86/include/pmap.h).
 */
fbt::pmap_tlb_shootdown:entry
/(uint64_t)curthread->l_md.md_gc_pmap != arg0/
{
	this->pm = arg0 == KPMAP ? "kernel" : lltostr(arg0 & 0x7fffffffffffffff);
	lastpmap[cpu] = this->pm;
}

fbt::pmap_tlb_shootdown:entry
/(uint64_t)curthread->l_md.md_gc_pmap != arg0 && arg1 != VA_ALL/
{
	/* @pmap_tlb_shootdown */
	printf("%s-%d [%03d] %d.%09d: pmap_tlb_shootdown: pmap=%s va=0x%x why=%d\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    this->pm, arg1, arg3);
}

fbt::pmap_tlb_shootdown:entry
/(uint64_t)curthread->l_md.md_gc_pmap != arg0 && arg1 == VA_ALL/
{
	/* @pmap_tlb_shootdown_all */
	printf("%s-%d [%03d] %d.%09d: pmap_tlb_shootdown: pmap=%s va=-1 why=%d\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    this->pm, arg3);
}

/*
 * pmap_tlb.c 1.6.2.1: void pmap_tlb_shootnow(void).  Nothing to do when
 * tp_count is 0.  Remote targets = tp_cpumask minus this CPU; it sends the
 * IPIs, invalidates locally when this CPU is in the mask, then spins until
 * every target acknowledged: entry to return is the initiator's wait.
 * The kcpuset behind tp_cpumask starts with its uint32_t bit words
 * (sys/kern/subr_kcpuset.c); CPUs 0-63 are read.
 */
fbt::pmap_tlb_shootnow:entry
{
	this->tp = (uint64_t)&curthread->l_cpu->ci_pmap_data[0];
	self->sn_count = *(uint16_t *)(this->tp + TP_COUNT_OFF);
}

fbt::pmap_tlb_shootnow:entry
/self->sn_count != 0/
{
	this->kcp = *(uint64_t *)(this->tp + TP_MASK_OFF);
	this->mask = ((uint64_t)*(uint32_t *)(this->kcp + 4) << 32) |
	    (uint64_t)*(uint32_t *)this->kcp;
	self->sn_remote = this->mask & ~((uint64_t)1 << cpu);
	self->sn_local = (this->mask >> cpu) & 1;
	self->sn_start = timestamp;
	self->sn_pmap = *(int *)(this->tp + TP_USER_OFF) != 0 ?
	    lastpmap[cpu] : "kernel";
	/*
	 * The page list for the targets' lines.  Global, so racy when two CPUs
	 * shoot down at once (the targets may print the other packet's pages);
	 * the IPI lines, which the analysis uses, are this CPU's own.
	 */
	pkt_count = self->sn_count;
	pkt_pmap = self->sn_pmap;
	pkt_va[0] = *(uint64_t *)(this->tp + 0);
	pkt_va[1] = *(uint64_t *)(this->tp + 8);
	pkt_va[2] = *(uint64_t *)(this->tp + 16);
	pkt_va[3] = *(uint64_t *)(this->tp + 24);
	pkt_va[4] = *(uint64_t *)(this->tp + 32);
	pkt_va[5] = *(uint64_t *)(this->tp + 40);
}

fbt::pmap_tlb_shootnow:entry
/self->sn_count != 0 && self->sn_remote != 0/
{
	/* pages=0: a full flush (tp_count 0xffff: more than TP_MAXVA, or va -1). */
	/* @tlb_shootdown_ipi */
	printf("%s-%d [%03d] %d.%09d: tlb_shootdown_ipi: mask=0x%x pages=%d\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    self->sn_remote, self->sn_count == TP_FULL ? 0 : self->sn_count);
}

/* The initiator's own pmap_tlb_invalidate() (static inline: no probe of its own). */
fbt::pmap_tlb_shootnow:entry
/self->sn_count == TP_FULL && self->sn_local/
{
	/* @tlb_invalidate_local_all */
	printf("%s-%d [%03d] %d.%09d: tlb_invalidate: pmap=%s all=1\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    self->sn_pmap);
}

fbt::pmap_tlb_shootnow:entry
/self->sn_count != TP_FULL && self->sn_count > 0 && self->sn_local/
{
	/* @tlb_invalidate_local_0 */
	printf("%s-%d [%03d] %d.%09d: tlb_invalidate: pmap=%s va=0x%x\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    self->sn_pmap, pkt_va[0]);
}

fbt::pmap_tlb_shootnow:entry
/self->sn_count != TP_FULL && self->sn_count > 1 && self->sn_local/
{
	/* @tlb_invalidate_local_1 */
	printf("%s-%d [%03d] %d.%09d: tlb_invalidate: pmap=%s va=0x%x\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    self->sn_pmap, pkt_va[1]);
}

fbt::pmap_tlb_shootnow:entry
/self->sn_count != TP_FULL && self->sn_count > 2 && self->sn_local/
{
	/* @tlb_invalidate_local_2 */
	printf("%s-%d [%03d] %d.%09d: tlb_invalidate: pmap=%s va=0x%x\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    self->sn_pmap, pkt_va[2]);
}

fbt::pmap_tlb_shootnow:entry
/self->sn_count != TP_FULL && self->sn_count > 3 && self->sn_local/
{
	/* @tlb_invalidate_local_3 */
	printf("%s-%d [%03d] %d.%09d: tlb_invalidate: pmap=%s va=0x%x\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    self->sn_pmap, pkt_va[3]);
}

fbt::pmap_tlb_shootnow:entry
/self->sn_count != TP_FULL && self->sn_count > 4 && self->sn_local/
{
	/* @tlb_invalidate_local_4 */
	printf("%s-%d [%03d] %d.%09d: tlb_invalidate: pmap=%s va=0x%x\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    self->sn_pmap, pkt_va[4]);
}

fbt::pmap_tlb_shootnow:entry
/self->sn_count != TP_FULL && self->sn_count > 5 && self->sn_local/
{
	/* @tlb_invalidate_local_5 */
	printf("%s-%d [%03d] %d.%09d: tlb_invalidate: pmap=%s va=0x%x\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    self->sn_pmap, pkt_va[5]);
}

fbt::pmap_tlb_shootnow:return
/self->sn_count != 0 && self->sn_remote != 0/
{
	/* @tlb_shootdown_done */
	printf("%s-%d [%03d] %d.%09d: tlb_shootdown_done: wait_ns=%d\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    timestamp - self->sn_start);
}

fbt::pmap_tlb_shootnow:return
{
	self->sn_count = 0;
	self->sn_remote = 0;
	self->sn_local = 0;
	self->sn_start = 0;
}

/*
 * pmap_tlb.c 1.6.2.1: void pmap_tlb_intr(void), the LAPIC_TLB_VECTOR (0xe1)
 * handler on each target (called from the IDT stub, so curthread is whatever
 * it interrupted: the idle LWP on an idle CPU).  It invalidates the global
 * packet's pages, or flushes when tp_count is 0xffff.
 */
fbt::pmap_tlb_intr:entry
/pkt_count == TP_FULL/
{
	/* @tlb_invalidate_all */
	printf("%s-%d [%03d] %d.%09d: tlb_invalidate: pmap=%s all=1\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    pkt_pmap);
}

fbt::pmap_tlb_intr:entry
/pkt_count != TP_FULL && pkt_count > 0/
{
	/* @tlb_invalidate_0 */
	printf("%s-%d [%03d] %d.%09d: tlb_invalidate: pmap=%s va=0x%x\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    pkt_pmap, pkt_va[0]);
}

fbt::pmap_tlb_intr:entry
/pkt_count != TP_FULL && pkt_count > 1/
{
	/* @tlb_invalidate_1 */
	printf("%s-%d [%03d] %d.%09d: tlb_invalidate: pmap=%s va=0x%x\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    pkt_pmap, pkt_va[1]);
}

fbt::pmap_tlb_intr:entry
/pkt_count != TP_FULL && pkt_count > 2/
{
	/* @tlb_invalidate_2 */
	printf("%s-%d [%03d] %d.%09d: tlb_invalidate: pmap=%s va=0x%x\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    pkt_pmap, pkt_va[2]);
}

fbt::pmap_tlb_intr:entry
/pkt_count != TP_FULL && pkt_count > 3/
{
	/* @tlb_invalidate_3 */
	printf("%s-%d [%03d] %d.%09d: tlb_invalidate: pmap=%s va=0x%x\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    pkt_pmap, pkt_va[3]);
}

fbt::pmap_tlb_intr:entry
/pkt_count != TP_FULL && pkt_count > 4/
{
	/* @tlb_invalidate_4 */
	printf("%s-%d [%03d] %d.%09d: tlb_invalidate: pmap=%s va=0x%x\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    pkt_pmap, pkt_va[4]);
}

fbt::pmap_tlb_intr:entry
/pkt_count != TP_FULL && pkt_count > 5/
{
	/* @tlb_invalidate_5 */
	printf("%s-%d [%03d] %d.%09d: tlb_invalidate: pmap=%s va=0x%x\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    pkt_pmap, pkt_va[5]);
}

/* ---------------------------------------------------------------- UBC -- */

/*
 * uvm_bio.c 1.83: void *ubc_alloc(struct uvm_object *uobj, voff_t offset,
 * vsize_t *lenp, int advice, int flags); it trims *lenp to the window and
 * returns the window's va.
 */
fbt::ubc_alloc:entry
{
	self->ua_offset = arg1;
	self->ua_lenp = (vsize_t *)arg2;
}

fbt::ubc_alloc:return
/self->ua_lenp/
{
	/* @ubc_alloc */
	printf("%s-%d [%03d] %d.%09d: ubc_alloc: va=0x%x offset=%d len=%d\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    arg1, self->ua_offset, *self->ua_lenp);
	self->ua_lenp = 0;
	self->ua_offset = 0;
}

/* uvm_bio.c 1.83: void ubc_release(void *va, int flags). */
fbt::ubc_release:entry
{
	/* @ubc_release */
	printf("%s-%d [%03d] %d.%09d: ubc_release: va=0x%x\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    arg0);
}

/* --------------------------------------------------------------- idle -- */

/*
 * kern_idle.c 1.25: idle_loop() calls cpu_idle() -- on x86 (*x86_cpu_idle)(),
 * i.e. x86_cpu_idle_halt() or x86_cpu_idle_mwait() (cpu.c) -- each time the
 * run queue is empty; every interrupt returns from it and the loop calls it
 * again.  idle_enter is printed at the first one, idle_exit when the idle
 * LWP switches away (mi_switch(), kern_synch.c).  A CPU already idle when
 * the capture starts shows up at its next halt (its next clock tick).
 */
fbt::x86_cpu_idle_halt:entry,
fbt::x86_cpu_idle_mwait:entry
/!idle[cpu]/
{
	idle[cpu] = 1;
	/* @idle_enter */
	printf("%s-%d [%03d] %d.%09d: idle_enter:\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000);
}

fbt::mi_switch:entry
/idle[cpu] && curthread == curthread->l_cpu->ci_data.cpu_idlelwp/
{
	idle[cpu] = 0;
	/* @idle_exit */
	printf("%s-%d [%03d] %d.%09d: idle_exit:\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000);
}

/* ------------------------------------------------------------ signals -- */

/*
 * Which call posts: sigpost() (static in kern_sig.c 1.320) is called by
 * kpsignal2() and by proc_stop(); trapsignal() goes through kpsignal2().
 */
fbt::sys_kill:entry		{ self->in_kill = 1; }
fbt::sys_kill:return		{ self->in_kill = 0; }
fbt::sys__lwp_kill:entry	{ self->in_lwp_kill = 1; }
fbt::sys__lwp_kill:return	{ self->in_lwp_kill = 0; }

/*
 * kern_sig.c 1.320: void trapsignal(struct lwp *l, ksiginfo_t *ksi); a signal
 * from a trap (SIGTRAP with TRAP_DBREG from a watchpoint).  For an untraced
 * process that catches it, it calls kpsendsig() directly: that is its delivery.
 */
fbt::trapsignal:entry
{
	self->in_trap = 1;
	/* @trapsignal */
	printf("%s-%d [%03d] %d.%09d: trapsignal: pid=%d lid=%d sig=%d code=%d\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    args[0]->l_proc->p_pid, args[0]->l_lid, args[1]->ksi_info._signo,
	    args[1]->ksi_info._code);
}

fbt::trapsignal:return		{ self->in_trap = 0; }

fbt::kpsendsig:entry
/self->in_trap/
{
	/* @postsig_trap */
	printf("%s-%d [%03d] %d.%09d: postsig: pid=%d lid=%d sig=%d\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    args[0]->l_proc->p_pid, args[0]->l_lid, args[1]->ksi_info._signo);
}

/*
 * kern_sig.c 1.320: void kpsignal2(struct proc *p, ksiginfo_t *ksi).  It drops
 * the signal at once when p is not SACTIVE/SSTOP, and (untraced) when p
 * ignores it: such calls generate nothing and are not recorded.  The
 * _lwp_kill(2)/kill(2) that called it is printed first (sys_lwp.c 1.57 sets
 * ksi_lid to the target LWP), so kreplay ties this kpsignal2 to its call.
 */
fbt::kpsignal2:entry
{
	self->in_kps = 1;
	this->p = args[0];
	this->sig = args[1]->ksi_info._signo;
	this->ignored = (this->p->p_sigctx.ps_sigignore.__bits[(this->sig - 1) >> 5] >>
	    ((this->sig - 1) & 31)) & 1;
	this->taken = (this->p->p_stat == SACTIVE || this->p->p_stat == SSTOP) &&
	    ((this->p->p_slflag & PSL_TRACED) != 0 || !this->ignored);
}

fbt::kpsignal2:entry
/this->taken && self->in_lwp_kill/
{
	/* @lwp_kill */
	printf("%s-%d [%03d] %d.%09d: lwp_kill: pid=%d lid=%d sig=%d\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    this->p->p_pid, args[1]->ksi_lid, this->sig);
}

fbt::kpsignal2:entry
/this->taken && self->in_kill/
{
	/* @kill */
	printf("%s-%d [%03d] %d.%09d: kill: pid=%d sig=%d\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    this->p->p_pid, this->sig);
}

/* trapsignal() calls kpsignal2() for a traced or not catching process: its line is the generation. */
fbt::kpsignal2:entry
/this->taken && !self->in_trap/
{
	/* @kpsignal2 */
	printf("%s-%d [%03d] %d.%09d: kpsignal2: pid=%d sig=%d\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    this->p->p_pid, this->sig);
}

fbt::kpsignal2:return		{ self->in_kps = 0; }

/*
 * kern_sig.c 1.320: SDT proc:::signal-send (struct lwp *, struct proc *, int)
 * fires in sigpost(), after its l_refcnt == 0 early return.  Needs
 * options KDTRACE_HOOKS.  caller: the innermost known caller.
 */
proc:::signal-send
{
	/* @sigpost */
	printf("%s-%d [%03d] %d.%09d: sigpost: pid=%d lid=%d sig=%d caller=%s\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    ((struct proc *)arg1)->p_pid, ((struct lwp *)arg0)->l_lid, (int)arg2,
	    self->in_pstop ? "proc_stop" : self->in_trap ? "trapsignal" :
	    self->in_kps ? "kpsignal2" : "other");
}

/*
 * kern_sig.c 1.320: void proc_stop(struct proc *p, int notify, int signo);
 * later kernels drop `notify` (proc_stop(p, signo)), so the signal is read
 * from p->p_xsig, which issignal() sets to it before sigswitch() calls
 * proc_stop() (sys/sys/proc.h: "p_xsig: stop signal"; the seed's 2018 kernel
 * has it).  When a process stops itself it comes from sigswitch() (static),
 * called by issignal() after it took the signal off the pending set: that is
 * kreplay's issignal + sigswitch, printed here because sigswitch may have no
 * fbt probe.  proc_stop() posts signo to every LWP (sigpost above, caller
 * proc_stop); the stop completes in proc_stop_done() (static, small: often
 * inlined) -- seen below as the process reaching SSTOP.
 */
fbt::proc_stop:entry
{
	this->sig = (int)args[0]->p_xsig;
}

fbt::proc_stop:entry
/args[0] == curthread->l_proc/
{
	/* @issignal_stop */
	printf("%s-%d [%03d] %d.%09d: issignal: pid=%d lid=%d sig=%d\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    pid, curthread->l_lid, this->sig);
	/* @sigswitch */
	printf("%s-%d [%03d] %d.%09d: sigswitch: pid=%d lid=%d sig=%d\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    pid, curthread->l_lid, this->sig);
}

fbt::proc_stop:entry
{
	self->in_pstop = 1;
	self->pstop_p = args[0];
	stopping[args[0]->p_pid] = this->sig;
	/* @proc_stop */
	printf("%s-%d [%03d] %d.%09d: proc_stop: pid=%d sig=%d\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    args[0]->p_pid, this->sig);
}

/* proc_stop() with no LWP left running calls proc_stop_done() itself. */
fbt::proc_stop:return
/self->pstop_p && self->pstop_p->p_stat == SSTOP &&
    stopping[self->pstop_p->p_pid] != 0/
{
	/* @proc_stop_done_now */
	printf("%s-%d [%03d] %d.%09d: proc_stop_done: pid=%d sig=%d\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    self->pstop_p->p_pid, stopping[self->pstop_p->p_pid]);
	stopping[self->pstop_p->p_pid] = 0;
}

fbt::proc_stop:return
{
	self->in_pstop = 0;
	self->pstop_p = 0;
}

/* The last LWP to stop (in sigswitch) switches away with the process SSTOP. */
fbt::mi_switch:entry
/stopping[pid] != 0 && curthread->l_proc->p_stat == SSTOP/
{
	/* @proc_stop_done */
	printf("%s-%d [%03d] %d.%09d: proc_stop_done: pid=%d sig=%d\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    pid, stopping[pid]);
	stopping[pid] = 0;
}

/*
 * kern_sig.c 1.320: void proc_unstop(struct proc *p).  (A ptrace resume of one
 * LWP only -- lwp_unstop() in the 2018 sys_ptrace_common.c -- does not come here;
 * its PT_CONTINUE line is the resume kreplay uses.)
 */
fbt::proc_unstop:entry
{
	stopping[args[0]->p_pid] = 0;
	/* @proc_unstop */
	printf("%s-%d [%03d] %d.%09d: proc_unstop: pid=%d\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    args[0]->p_pid);
}

/*
 * kern_sig.c 1.320: int issignal(struct lwp *l) returns the signal postsig()
 * will act on (0: none): a caught or fatal signal, or one the debugger
 * passed back with PT_CONTINUE.
 */
fbt::issignal:return
/(int)arg1 > 0/
{
	/* @issignal */
	printf("%s-%d [%03d] %d.%09d: issignal: pid=%d lid=%d sig=%d\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    pid, curthread->l_lid, (int)arg1);
}

/* kern_sig.c 1.320: void postsig(int signo). */
fbt::postsig:entry
{
	/* @postsig */
	printf("%s-%d [%03d] %d.%09d: postsig: pid=%d lid=%d sig=%d\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    pid, curthread->l_lid, arg0);
}

/* ---------------------------------------------------- ptrace and wait -- */

/*
 * sys_ptrace.c (netbsd-8 era): sys_ptrace() calls sys_ptrace_common.c 1.28's
 * do_ptrace(&native_ptm, l, req, pid,
 * addr, data, retval); data (the signal for PT_CONTINUE/PT_STEP/PT_DETACH) is
 * do_ptrace's 6th argument, beyond the 5 that fbt passes reliably, so the
 * syscall's own arguments are read: struct sys_ptrace_args { req; pid; addr;
 * data; }, one register_t (8 bytes on amd64) each, the int in the low half.
 * Printed at entry, before the proc_unstop() it does (a request that then
 * fails still shows).  32-bit processes (netbsd32_ptrace) are not covered.
 */
fbt::sys_ptrace:entry
{
	this->req = *(int *)(arg1 + 0);
	this->pid = *(int *)(arg1 + 8);
	this->data = *(int *)(arg1 + 24);
	/* @ptrace */
	printf("%s-%d [%03d] %d.%09d: ptrace: req=%s pid=%d sig=%d\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    this->req == PT_TRACE_ME ? "PT_TRACE_ME" :
	    this->req == PT_CONTINUE ? "PT_CONTINUE" :
	    this->req == 8 ? "PT_KILL" :
	    this->req == 9 ? "PT_ATTACH" :
	    this->req == PT_DETACH ? "PT_DETACH" :
	    this->req == PT_STEP ? "PT_STEP" :
	    this->req == 38 ? "PT_SETDBREGS" : "PT_OTHER",
	    this->req == PT_TRACE_ME ? pid : this->pid,
	    this->req == PT_CONTINUE || this->req == PT_STEP ||
	    this->req == PT_DETACH ? this->data : 0);
}

/*
 * sys/sys/proc.h (netbsd-8): int do_sys_waitid(idtype_t, id_t, int *pid,
 * int *status, int options, struct wrusage *, siginfo_t *): every wait
 * variant ends here.  At return *pid is the child (0: none, WNOHANG) and
 * *status the raw wait word; kreplay decodes it (wstatus=).  options in
 * NetBSD's numbering (WNOHANG 1, WUNTRACED 2, WCONTINUED 0x10).
 */
fbt::do_sys_waitid:entry
{
	self->w_pidp = args[2];
	self->w_statusp = args[3];
	self->w_options = arg4;
}

/* A stop the wait reports that no probe above saw completing. */
fbt::do_sys_waitid:return
/self->w_pidp && arg1 == 0 && *self->w_pidp > 0 &&
    (*self->w_statusp & 0x7f) == 0x7f && stopping[*self->w_pidp] != 0/
{
	/* @proc_stop_done_wait */
	printf("%s-%d [%03d] %d.%09d: proc_stop_done: pid=%d sig=%d\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    *self->w_pidp, stopping[*self->w_pidp]);
	stopping[*self->w_pidp] = 0;
}

fbt::do_sys_waitid:return
/self->w_pidp && arg1 == 0 && *self->w_pidp > 0/
{
	/* @wait_return */
	printf("%s-%d [%03d] %d.%09d: wait_return: child=%d wstatus=0x%x options=0x%x\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    *self->w_pidp, *self->w_statusp, self->w_options);
}

fbt::do_sys_waitid:return
/self->w_pidp && arg1 == 0 && *self->w_pidp == 0/
{
	/* @wait_return_none */
	printf("%s-%d [%03d] %d.%09d: wait_return: child=0 status=none options=0x%x\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    self->w_options);
}

fbt::do_sys_waitid:return
/self->w_pidp && (int)arg1 > 0/
{
	/* @wait_return_error */
	printf("%s-%d [%03d] %d.%09d: wait_return: status=none errno=%d options=0x%x\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    (int)arg1, self->w_options);
}

fbt::do_sys_waitid:return
{
	self->w_pidp = 0;
	self->w_statusp = 0;
	self->w_options = 0;
}

/* ------------------------------------------------------ fork and exit -- */

/* kern_fork.c 1.194: SDT proc:::create (struct proc *child, struct proc *parent, int flags), in the parent. */
proc:::create
{
	/* @fork */
	printf("%s-%d [%03d] %d.%09d: fork: child=%d\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    ((struct proc *)arg0)->p_pid);
}

/*
 * kern_exit.c 1.245: SDT proc:::exit (int reason: CLD_EXITED 1, CLD_KILLED 2,
 * CLD_DUMPED 3) fires in exit1() of the exiting process, after it set
 * p_xexit (the exit code) and p_xsig (the killing signal, 0 if none).
 */
proc:::exit
{
	/* @exit */
	printf("%s-%d [%03d] %d.%09d: exit: status=%d sig=%d reason=%d\n",
	    execname, pid, cpu, timestamp / 1000000000, timestamp % 1000000000,
	    curthread->l_proc->p_xexit, curthread->l_proc->p_xsig, arg0);
}
