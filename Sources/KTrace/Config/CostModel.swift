/// Nanosecond costs of shootdown work (docs/tlb-model.md "Cost model", `# cost:` header).
public struct CostModel: Sendable, Equatable {
    public var ipiSendNs: Int64 = 400
    public var ipiHandleNs: Int64 = 1000
    public var idleWakeNs: Int64 = 2000
    public var invlpgNs: Int64 = 100
    public var tlbFlushNs: Int64 = 2000
    public var hypercallNs: Int64 = 1500

    public init() {}

    /// Sets a value by its header key; returns false for an unknown key.
    @discardableResult
    public mutating func set(_ key: String, _ value: Int64) -> Bool {
        switch key {
        case "ipi_send_ns": ipiSendNs = value
        case "ipi_handle_ns": ipiHandleNs = value
        case "idle_wake_ns": idleWakeNs = value
        case "invlpg_ns": invlpgNs = value
        case "tlb_flush_ns": tlbFlushNs = value
        case "hypercall_ns": hypercallNs = value
        default: return false
        }
        return true
    }
}
