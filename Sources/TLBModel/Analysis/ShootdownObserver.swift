import KTrace

/// Told the class of every (shootdown, target CPU) pair as ``TLBAnalyzer`` decides it, so that
/// a picture of the trace (the HTML timeline) shows what the model decided, never a guess.
///
/// Called synchronously from ``TLBAnalyzer/consume(_:)``, on the analyzer's thread, once per
/// target of each `tlb_shootdown_ipi` or `xen_mmuext`, in file order. Keep it cheap.
public protocol ShootdownObserver: AnyObject {
    /// `target` of the shootdown `event` is `full` with the TLB contents known, and `limited` by
    /// the idle-only rule of a trace without `tlb_fill` (docs/tlb-model.md "Classification"). `limited` is nil once the
    /// trace has shown a fill: from then on `full` is the final class of every target, earlier
    /// ones included. Which one a trace ends with is ``TLBAnalysis/classificationLimited``.
    func classified(_ event: Event, target: Int, full: ShootdownClass, limited: ShootdownClass?)
}
