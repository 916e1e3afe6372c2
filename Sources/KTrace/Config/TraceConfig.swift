/// What a trace's header lines (and the command line) say about the machine.
public struct TraceConfig: Sendable, Equatable {
    public var arch: String?
    /// Explicit `variant=`; when nil, taken from `arch`.
    public var declaredVariant: KernelVariant?
    /// `ncpu=` or a `cpus=N` line; when nil, the highest CPU seen + 1.
    public var declaredCPUCount: Int?
    public var ubcWinshift: Int = 13
    public var tpMaxva: Int = 6
    public var cost = CostModel()
    public var kernel: String?
    public var testProgram: String?
    public var testCase: String?
    public var signalNumbering: SignalNumbering = .netbsd
    /// Findings kept per kind (all are counted); `--max-findings`.
    public var findingLimit = FindingList.defaultLimit
    /// Findings kept per kind in each replay (`replays[].findings`, which docs/reports.md "JSON contract"'s
    /// contract does not list): lower by default, since a `replay` of several
    /// strategies keeps a list per strategy; `--max-findings` sets both.
    public var replayFindingLimit = FindingList.defaultReplayLimit
    /// False when the header says the capture cannot see TLB fills (`# capture:
    /// tlb_fill=none`, as `tools/capture/netbsd/kreplay.d` writes): the TLB model then
    /// takes the used pages from the kernel's own `pmap_tlb_shootdown` lines.
    public var tlbFillsRecorded = true
    /// Header keys kreplay does not know, kept as written.
    public var otherHeaders: [String: String] = [:]
    /// When the TLB model drops page records (testing: answers must not depend on it).
    public var pagePruning = PagePruning.whenUnneeded

    public init() {}

    /// The variant: declared, else from `arch`, else amd64.
    public var variant: KernelVariant {
        if let declaredVariant { return declaredVariant }
        if let arch, let fromArch = KernelVariant(rawValue: arch) { return fromArch }
        return .amd64
    }
}
