/// The kernel layer a model describes. A check that looks at a layer is skipped
/// when no model of that layer saw any of its events (docs/checks.md).
public enum ModelLayer: Sendable, CaseIterable {
    case tlb
    case signal

    /// Why a check of this layer is skipped when the trace has none of its events.
    var absentReason: String {
        switch self {
        case .tlb: return "no TLB events in the trace"
        case .signal: return "no signal or process events in the trace"
        }
    }
}
