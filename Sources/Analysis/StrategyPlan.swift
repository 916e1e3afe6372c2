import Foundation
import KTrace
import SignalModel
import TLBModel

/// The replays one analysis runs, parsed from `--strategy a,b,c`.
///
/// A strategy belongs to the TLB model, the signal model, or (`netbsd8`) both;
/// for the model a strategy does not concern, its replay shows the baseline.
public struct StrategyPlan: Sendable {
    public struct Entry: Sendable {
        public var name: String
        public var tlb: TLBStrategySpec?
        public var signal: SignalStrategySpec?
    }

    public var entries: [Entry] = []

    public init(_ names: [String]) throws(AnalysisError) {
        for raw in names {
            let name = raw.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { continue }
            var entry = Entry(name: name)
            let baseName = String(name.split(separator: ":", maxSplits: 1).first ?? "")
            if TLBStrategySpec.names.contains(baseName) {
                do {
                    entry.tlb = try TLBStrategySpec.parse(name)
                } catch {
                    throw .badStrategy("strategy '\(name)': \(error)")
                }
            }
            if SignalStrategySpec.names.contains(baseName) {
                do {
                    entry.signal = try SignalStrategySpec.parse(name)
                } catch {
                    throw .badStrategy("strategy '\(name)': \(error)")
                }
            }
            guard entry.tlb != nil || entry.signal != nil else {
                // netbsd8 names both models' baseline: listed once.
                let signalOnly = SignalStrategyName.allCases.filter { $0.rawValue != TLBStrategyName.netbsd8.rawValue }
                let known = TLBStrategySpec.names + signalOnly.map(\.rawValue)
                throw .badStrategy(
                    "unknown strategy '\(name)'; known: " + known.joined(separator: ", "))
            }
            entries.append(entry)
        }
    }

    public var isEmpty: Bool { entries.isEmpty }
}
