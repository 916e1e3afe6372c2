import KTrace
import Testing

@testable import SignalModel

/// The kernel model's own containers (`PidSet`, `SignalSet`, `LWPList`, `KeyTable` on the
/// rules' keys) against the standard library's on random operations: same contents, same
/// answers. `KeyTable` itself is tested in `KTraceTests.KeyTableTests`.
@Suite struct KernelStorageTests {

    @Test func pidSetKeepsPids() {
        var set = PidSet()
        for pid: Int32 in [5, -1, 900, 5, 3] { set.insert(pid) }
        set.remove(900)
        #expect(set.sorted == [-1, 3, 5])
        #expect(set.contains(3) && !set.contains(900))
        #expect(!set.isEmpty)
    }

    @Test func keyTableOnRuleKeys() {
        var random = SplitMix64(seed: 11)
        var table = KeyTable<LWPSignalKey, Int>(vacant: 0)
        var reference: [LWPSignalKey: Int] = [:]
        for step in 0..<5_000 {
            let key = LWPSignalKey(
                pid: Int32.random(in: 1000...1010, using: &random), lid: Int32.random(in: 1...3, using: &random),
                signal: Int32.random(in: 1...32, using: &random))
            if Bool.random(using: &random) {
                table[key] = step
                reference[key] = step
            } else {
                table[key] = nil
                reference[key] = nil
            }
            if step % 500 == 0 {
                let pid = key.pid
                table.removeAll { $0.pid == pid }
                reference = reference.filter { $0.key.pid != pid }
            }
        }
        #expect(table.dictionary == reference)
        let process = SignalKey(pid: 1003, signal: 17)
        let found = table.firstKey { $0.process == process }
        #expect((found != nil) == reference.keys.contains { $0.process == process })
        #expect(found.map { $0.process == process } ?? true)
    }

    @Test func signalSetMatchesSet() {
        var random = SplitMix64(seed: 7)
        var signals = SignalSet()
        var reference: Set<Int32> = []
        for _ in 0..<5_000 {
            let signal = Int32.random(in: -5...70, using: &random)
            switch Int.random(in: 0..<3, using: &random) {
            case 0:
                signals.insert(signal)
                reference.insert(signal)
            case 1:
                #expect(signals.remove(signal) == reference.remove(signal))
            default:
                #expect(signals.contains(signal) == reference.contains(signal))
            }
            #expect(signals.min() == reference.min())
            #expect(signals.isEmpty == reference.isEmpty)
        }
        var copy = SignalSet()
        for signal in reference.sorted().reversed() { copy.insert(signal) }
        #expect(copy == signals)
    }

    /// `CallCPUs` (the replay's CPUs inside a call) against `Set<Int>`, including numbers
    /// outside the inline set's range (negative, at and past `CPUSet.capacity`).
    @Test func callCPUsMatchesSet() {
        var random = SplitMix64(seed: 13)
        var cpus = CallCPUs()
        var reference: Set<Int> = []
        for _ in 0..<5_000 {
            let cpu = Int.random(in: -3...(CPUSet.capacity + 3), using: &random)
            switch Int.random(in: 0..<3, using: &random) {
            case 0:
                cpus.insert(cpu)
                reference.insert(cpu)
            case 1:
                #expect(cpus.remove(cpu) == (reference.remove(cpu) != nil))
            default:
                #expect(cpus.contains(cpu) == reference.contains(cpu))
            }
            #expect(cpus.isEmpty == reference.isEmpty)
        }
        #expect(CallCPUs(CPUSet.capacity + 1).contains(CPUSet.capacity + 1))
        #expect(!CallCPUs(2).contains(3))
    }

    /// `SignalOrigins` (a process's latest generation per signal) against a `Dictionary`:
    /// same answers, and equal exactly when the dictionaries are, whatever the order of writes.
    @Test func signalOriginsMatchDictionary() {
        var random = SplitMix64(seed: 17)
        let origins: [GenerationOrigin?] = [
            .kill, .lwpKill(lid: 1), .lwpKill(lid: 2), .trapsignal(lid: 1), .kernel, nil,
        ]
        var table = SignalOrigins()
        var reference: [Int32: GenerationOrigin] = [:]
        for _ in 0..<5_000 {
            let signal = Int32.random(in: -2...70, using: &random)
            if Bool.random(using: &random) {
                let origin = origins[Int.random(in: 0..<origins.count, using: &random)]
                table[signal] = origin
                reference[signal] = origin
            }
            #expect(table[signal] == reference[signal])
        }
        var rebuilt = SignalOrigins()
        for (signal, origin) in reference.sorted(by: { $0.key > $1.key }) { rebuilt[signal] = origin }
        #expect(rebuilt == table)
        rebuilt[reference.keys.first ?? 1] = nil
        #expect(rebuilt != table || reference.isEmpty)
    }

    @Test func lwpListKeepsLidOrder() {
        var lwps = LWPList()
        lwps[3] = KernelLWP(cpu: 3)
        lwps[1] = KernelLWP(cpu: 1)
        lwps[2] = KernelLWP(cpu: 2)
        lwps[2]?.pending.insert(17)
        #expect(lwps.lids == [1, 2, 3])
        #expect(lwps.firstLid == 1)
        #expect(lwps.anyPending)
        #expect(lwps.lidAndCPU(at: 1)?.lid == 2 && lwps.lidAndCPU(at: 1)?.cpu == 2)
        #expect(lwps.lidAndCPU(at: 3) == nil)
        lwps[1] = nil
        #expect(lwps.lids == [2, 3])
        #expect(lwps.modify(9) { $0.cpu } == nil)
        var other = LWPList()
        other[2] = KernelLWP(cpu: 2, pending: [17])
        other[3] = KernelLWP(cpu: 3)
        #expect(other == lwps)
    }
}
