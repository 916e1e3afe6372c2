import Analysis
import ArgumentParser
import Reports

// The command line's vocabularies, read straight into their types: a bad value is a
// usage error (exit 64) naming the option, before any trace is opened. The help
// strings list the values themselves, so ArgumentParser's own list is left out.

extension ReportFormat: ExpressibleByArgument {
    public static var allValueStrings: [String] { [] }
}

extension KernelVariant: ExpressibleByArgument {
    public static var allValueStrings: [String] { [] }
}

extension InputFormat: ExpressibleByArgument {
    public static var allValueStrings: [String] { [] }
}

extension SignalNumbering: ExpressibleByArgument {
    public static var allValueStrings: [String] { [] }
}

/// `--cost key=value`: one cost of the cost model in nanoseconds (docs/tlb-model.md "Cost model").
struct CostSetting: ExpressibleByArgument {
    var key: String
    var nanoseconds: Int64

    init?(argument: String) {
        let parts = argument.split(separator: "=", maxSplits: 1)
        var probe = CostModel()
        guard parts.count == 2, let value = Int64(parts[1]), value >= 0, probe.set(String(parts[0]), value) else {
            return nil
        }
        key = String(parts[0])
        nanoseconds = value
    }

    /// Sets this cost in `model`.
    func apply(to model: inout CostModel) { model.set(key, nanoseconds) }
}
