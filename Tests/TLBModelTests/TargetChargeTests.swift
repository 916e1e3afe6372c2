import Testing

@testable import KTrace
@testable import TLBModel

/// `ReplayEngine.chargeTargets` (one shootdown's targets charged as two products,
/// docs/performance.md round 10) against the target-by-target charge it replaced, on
/// random idle CPUs, target sets and cost models — negative and saturating costs included.
@Suite struct TargetChargeTests {
    /// The charge as it was: target by target.
    private func reference(
        _ engine: inout ReplayEngine, targets: CPUSet, waitFor: CPUSet, pages: Int, fullFlush: Bool
    ) -> Int64 {
        var slowest: Int64 = 0
        for target in targets {
            let idle = engine.state.isIdle(target)
            if idle { engine.counts.idleTargets += 1 }
            let work = engine.cost.target(
                idle: idle, pages: pages, fullFlush: fullFlush, hypercall: engine.useHypercalls)
            engine.counts.cpuNs = engine.counts.cpuNs.saturatingAdd(work)
            if waitFor.contains(target) { slowest = max(slowest, work) }
        }
        return slowest
    }

    private func randomCost(_ generator: inout SystemRandomNumberGenerator) -> Int64 {
        switch Int.random(in: 0..<6, using: &generator) {
        case 0: return Int64.max / Int64.random(in: 1...4, using: &generator)
        case 1: return -Int64.random(in: 0...5_000, using: &generator)
        default: return Int64.random(in: 0...5_000, using: &generator)
        }
    }

    private func randomSet(_ generator: inout SystemRandomNumberGenerator, below count: Int) -> CPUSet {
        var set = CPUSet()
        for cpu in 0..<count where Bool.random(using: &generator) { set.insert(cpu) }
        return set
    }

    @Test func chargeMatchesTargetByTarget() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            var config = TraceConfig()
            config.cost.ipiHandleNs = randomCost(&generator)
            config.cost.idleWakeNs = randomCost(&generator)
            config.cost.invlpgNs = randomCost(&generator)
            config.cost.tlbFlushNs = randomCost(&generator)
            config.cost.hypercallNs = randomCost(&generator)
            var engine = ReplayEngine(
                config: config, label: "test", useHypercalls: Bool.random(using: &generator))
            let cpuCount = Int.random(in: 1...70, using: &generator)
            for cpu in 0..<cpuCount {
                engine.state.begin(cpu: cpu)
                if Bool.random(using: &generator) { engine.state.setIdle(cpu, true, at: 5) }
            }
            // Some CPUs that were idle are busy again.
            for cpu in 0..<cpuCount where Int.random(in: 0..<4, using: &generator) == 0 {
                engine.state.setIdle(cpu, false, at: 6)
            }
            // Targets may name CPUs never seen (not idle).
            let targets = randomSet(&generator, below: cpuCount + 3)
            let waitFor = Bool.random(using: &generator) ? targets : randomSet(&generator, below: cpuCount + 3)
            let pages = Int.random(in: 0...20, using: &generator)
            let fullFlush = Bool.random(using: &generator)
            engine.counts.cpuNs =
                Bool.random(using: &generator) ? 0 : Int64.random(in: 0...1_000_000, using: &generator)
            var expected = engine
            let wantSlowest = reference(
                &expected, targets: targets, waitFor: waitFor, pages: pages, fullFlush: fullFlush)
            let slowest = engine.chargeTargets(targets, waitFor: waitFor, pages: pages, fullFlush: fullFlush)
            #expect(slowest == wantSlowest)
            #expect(engine.counts.cpuNs == expected.counts.cpuNs)
            #expect(engine.counts.idleTargets == expected.counts.idleTargets)
        }
    }
}
