/// Applies the keyed header lines of docs/trace-format.md "Headers" (`# machine: ncpu=8 …`) to a config.
enum HeaderParser {
    /// Reads `# key: rest` lines; returns false for a plain comment. A value kreplay
    /// cannot use is kept out of the config and described in `problems`.
    static func apply(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to config: inout TraceConfig,
        problems: inout [String]
    ) -> Bool {
        var index = start
        while index < bytes.count && ASCII.isBlank(bytes[index]) { index += 1 }
        let keyStart = index
        while index < bytes.count, isKeyByte(bytes[index]) { index += 1 }
        guard index > keyStart, index < bytes.count, bytes[index] == ASCII.colon else { return false }
        let key = bytes.string(keyStart..<index)
        let rest = bytes.string(index + 1..<bytes.count).trimmingBlanks
        switch key {
        case "machine":
            for (name, value) in pairs(rest) where !applyMachine(name, value, to: &config) {
                problems.append("header 'machine: \(name)=\(value)' ignored: not a value kreplay accepts")
            }
        case "cost":
            for (name, value) in pairs(rest) {
                let number = Array(value.utf8).withUnsafeBufferPointer { NumberParser.unsigned($0, 0..<$0.count) }
                if let number, number <= UInt64(Int64.max), config.cost.set(name, Int64(number)) { continue }
                keep("cost." + name, value, in: &config, problems: &problems)
                problems.append("header 'cost: \(name)=\(value)' ignored: not a known cost in ns")
            }
        case "kernel":
            config.kernel = rest
        case "capture":
            for (name, value) in pairs(rest) {
                if name == "tlb_fill" && value == "none" {
                    config.tlbFillsRecorded = false
                } else {
                    config.otherHeaders["capture." + name] = value
                }
            }
        case "test":
            for (name, value) in pairs(rest) {
                switch name {
                case "program": config.testProgram = value
                case "test_case": config.testCase = value
                default: keep("test." + name, value, in: &config, problems: &problems)
                }
            }
        default:
            keep(key, rest, in: &config, problems: &problems)
        }
        return true
    }

    /// Keeps an unknown header key, up to `TraceLimits.maxOtherHeaders` of them: a
    /// flood of distinct keys before the first event must not grow memory (issue 16).
    private static func keep(_ key: String, _ value: String, in config: inout TraceConfig, problems: inout [String]) {
        if config.otherHeaders.count < TraceLimits.maxOtherHeaders || config.otherHeaders[key] != nil {
            config.otherHeaders[key] = value
        } else {
            problems.append("header key ignored: more than \(TraceLimits.maxOtherHeaders) unknown header keys")
        }
    }

    /// Applies one `machine:` value; false when the value is out of range or unknown.
    private static func applyMachine(_ name: String, _ value: String, to config: inout TraceConfig) -> Bool {
        switch name {
        case "arch": config.arch = value
        case "variant":
            guard let variant = KernelVariant(rawValue: value) else {
                if config.otherHeaders.count < TraceLimits.maxOtherHeaders {
                    config.otherHeaders["machine.variant"] = value
                }
                return false
            }
            config.declaredVariant = variant
        case "ncpu":
            guard let count = Int(value), count > 0, count <= TraceLimits.maxCPUs else { return false }
            config.declaredCPUCount = count
        case "ubc_winshift":
            guard let shift = Int(value), (12...30).contains(shift) else { return false }
            config.ubcWinshift = shift
        case "tp_maxva":
            guard let count = Int(value), (1...4096).contains(count) else { return false }
            config.tpMaxva = count
        case "signals":
            guard let numbering = SignalNumbering(rawValue: value) else { return false }
            config.signalNumbering = numbering
        default:
            guard
                config.otherHeaders.count < TraceLimits.maxOtherHeaders || config.otherHeaders["machine." + name] != nil
            else { return false }
            config.otherHeaders["machine." + name] = value
        }
        return true
    }

    /// `k=v k=v` words.
    static func pairs(_ text: String) -> [(String, String)] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" }).compactMap { word in
            guard let equals = word.firstIndex(of: "=") else { return nil }
            return (String(word[..<equals]), String(word[equals...].dropFirst()))
        }
    }

    private static func isKeyByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x41 && byte <= 0x5a) || ASCII.isDigit(byte) || byte == 0x5f
            || byte == ASCII.dash
    }
}

extension String {
    var trimmingBlanks: String {
        var view = Substring(self)
        while let first = view.first, first == " " || first == "\t" { view = view.dropFirst() }
        while let last = view.last, last == " " || last == "\t" { view = view.dropLast() }
        return String(view)
    }
}

/// Bounds on what a trace may say before it is treated as bad input.
public enum TraceLimits {
    /// CPU numbers at or above this are malformed (SPEC leaves it open; NetBSD's MAXCPUS is 256).
    public static let maxCPUs = CPUSet.capacity
    /// Default longest line kept; longer ones are reported and skipped.
    public static let defaultMaxLineLength = 1 << 20
    /// A timestamp going back by more than this on one CPU is a warning (docs/trace-format.md "Event lines").
    public static let backwardsToleranceNs: Int64 = 1_000_000
    /// Unknown header keys kept (`TraceConfig.otherHeaders`); later ones are warned about and dropped.
    public static let maxOtherHeaders = 256
}
