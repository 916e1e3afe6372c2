/// Something a model found wrong or wasted, tied to a trace line (docs/checks.md).
public struct Finding: Sendable, Equatable, Codable {
    /// `redundant-shootdown`, `stale-translation`, `duplicate-wait-return`, …
    public var kind: FindingKind
    /// Sub-class, e.g. `idle` for a redundant shootdown; ``FindingClass/none`` when none.
    public var findingClass: FindingClass
    public var line: Int
    public var cpu: Int
    public var pid: Int32
    public var lid: Int32?
    public var timeNs: Int64
    /// One line a kernel developer can act on (without the `file:line:` prefix).
    public var message: String

    public init(
        kind: FindingKind, findingClass: FindingClass = .none, line: Int, cpu: Int, pid: Int32,
        lid: Int32? = nil, timeNs: Int64, message: String
    ) {
        self.kind = kind
        self.findingClass = findingClass
        self.line = line
        self.cpu = cpu
        self.pid = pid
        self.lid = lid
        self.timeNs = timeNs
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case kind
        case findingClass = "class"
        case line, cpu, pid, lid
        case timeNs = "time_ns"
        case message
    }

    /// As the synthesized encoding, but `kind` and `class` as plain strings: reports
    /// write thousands of findings, and an encoder takes a `String` on its fast path.
    public func encode(to encoder: any Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        try values.encode(kind.rawValue, forKey: .kind)
        try values.encode(findingClass.rawValue, forKey: .findingClass)
        try values.encode(line, forKey: .line)
        try values.encode(cpu, forKey: .cpu)
        try values.encode(pid, forKey: .pid)
        try values.encodeIfPresent(lid, forKey: .lid)
        try values.encode(timeNs, forKey: .timeNs)
        try values.encode(message, forKey: .message)
    }
}

/// The finding kinds (docs/checks.md, "Findings").
public enum FindingKind: String, Sendable, Codable, CaseIterable {
    case redundantShootdown = "redundant-shootdown"
    case staleTranslation = "stale-translation"
    case variantMismatch = "variant-mismatch"
    case fidelityMismatch = "fidelity-mismatch"
    case duplicateWaitReturn = "duplicate-wait-return"
    case doubleSigpost = "double-sigpost"
    case lostSignal = "lost-signal"
    case waitMismatch = "wait-mismatch"
}

/// Formats addresses the way kernel developers read them.
public func hex(_ value: UInt64) -> String { "0x" + String(value, radix: 16) }

/// Formats nanoseconds as seconds with six decimals, as ftrace prints time.
public func seconds(_ ns: Int64) -> String {
    let sign = ns < 0 ? "-" : ""
    let magnitude = ns.magnitude
    let micros = magnitude / 1000
    let fraction = String(micros % 1_000_000)
    return sign + "\(micros / 1_000_000)." + String(repeating: "0", count: 6 - fraction.count) + fraction
}
