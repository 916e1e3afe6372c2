import KTrace

/// The latest generation of a signal for a process, and whether it was taken yet.
struct GenerationRecord: Hashable, Sendable {
    var serial: Int
    var origin: GenerationOrigin
    var site: Site
    /// Some post made it pending (or it merged into a pending one).
    var posted = false
    /// `issignal`, `postsig` or a stop with this signal happened since.
    var delivered = false
}

/// The last `wait` that reported a stop with a signal for a process.
struct ReportRecord: Hashable, Sendable {
    var serial: Int
    var waiter: Int32
    var site: Site
}

/// The last `sigpost` of a signal on an LWP.
struct PostRecord: Hashable, Sendable {
    var serial: Int
    var caller: SigpostCaller
    var site: Site
}

/// The last `postsig` of a signal on an LWP (Linux-style traces, where posts are not separate).
struct DeliveryRecord: Hashable, Sendable {
    var serial: Int
    /// Tracer re-injections (`PT_CONTINUE sig=S`) seen when it happened.
    var injections: Int
    var site: Site
}

/// What a CPU did last, as far as the kpsignal2 generation rule cares.
enum LastCall: Hashable, Sendable {
    case signalCall(SignalKey)
    case other
}

/// The rule state with every line, CPU and time left out: two runs that reach
/// the same fingerprint find the same things from then on (used by `explore`).
struct RulesFingerprint: Hashable, Sendable {
    var serials: [SignalKey: Int]
    var open: [SignalKey: GenerationRecord]
    var reports: [SignalKey: ReportRecord]
    var posts: [LWPSignalKey: PostRecord]
    var deliveries: [LWPSignalKey: DeliveryRecord]
    var injections: [SignalKey: Int]
    var pending: Set<LWPSignalKey>
    var traced: Set<Int32>
    var lastCall: [Int: LastCall]
    var findingKinds: [String]
}

extension GenerationRecord {
    var withoutSite: GenerationRecord {
        var copy = self
        copy.site = .none
        return copy
    }
}

extension ReportRecord {
    var withoutSite: ReportRecord { ReportRecord(serial: serial, waiter: waiter, site: .none) }
}

extension PostRecord {
    var withoutSite: PostRecord { PostRecord(serial: serial, caller: caller, site: .none) }
}

extension DeliveryRecord {
    var withoutSite: DeliveryRecord { DeliveryRecord(serial: serial, injections: injections, site: .none) }
}

// What a rule table's free slots hold (`KeyTable(vacant:)`; never read).
extension GenerationRecord {
    static let unused = GenerationRecord(serial: 0, origin: .kernel, site: .none)
}

extension ReportRecord {
    static let unused = ReportRecord(serial: 0, waiter: 0, site: .none)
}

extension PostRecord {
    static let unused = PostRecord(serial: 0, caller: .kpsignal2, site: .none)
}

extension DeliveryRecord {
    static let unused = DeliveryRecord(serial: 0, injections: 0, site: .none)
}
