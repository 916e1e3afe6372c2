import Testing

@testable import KTrace
@testable import TLBModel

/// The per-shootdown classification (`TLBState.shootdownPages`, `ShootdownPages.classify`,
/// docs/performance.md round 7) against the per-page rule of docs/tlb-model.md
/// "Classification" it replaced, on random states.
@Suite struct ShootdownPagesTests {
    /// The classification as it was: page by page, target by target.
    private func reference(_ state: TLBState, target: Int, pages: [PageKey], idle: Bool) -> ShootdownClass {
        if pages.contains(where: { state.page($0)?.holders.contains(target) ?? false }) { return .needed }
        if pages.isEmpty { return .unusedPTE }
        if idle { return .idle }
        if pages.allSatisfy({ state.invalidatedSinceFill(target, $0) }) { return .duplicate }
        return .notCached
    }

    @Test func classifyMatchesPerPageRule() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<40 {
            var state = TLBState(declaredCPUCount: 4, trackHistory: true)
            let keys = (0..<6).map { index in
                PageKey(space: index % 3 == 0 ? PageKey.kernelSpace : 0xb0, va: UInt64(index) * pageSize)
            }
            for _ in 0..<300 {
                let cpu = Int.random(in: 0..<4, using: &generator)
                let key = keys[Int.random(in: 0..<keys.count, using: &generator)]
                state.begin(cpu: cpu)
                switch Int.random(in: 0..<8, using: &generator) {
                case 0: state.map(key)
                case 1, 2: _ = state.fill(cpu: cpu, key: key, pid: 1)
                case 3: _ = state.unmap(key)
                case 4, 5: state.invalidate(key, on: cpu)
                case 6: state.flush(cpu, userOnly: Bool.random(using: &generator))
                default: state.load(space: Bool.random(using: &generator) ? 0xb0 : nil, on: cpu)
                }
                let pages = keys.filter { _ in Int.random(in: 0..<3, using: &generator) == 0 }
                let shotDown = state.shootdownPages(pages)
                for target in 0..<5 {
                    for idle in [false, true] {
                        #expect(
                            shotDown.classify(target, idle: idle)
                                == reference(state, target: target, pages: pages, idle: idle))
                    }
                }
            }
        }
    }

    @Test func batchedInvalidationMatchesOneByOne() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<40 {
            var batched = TLBState(declaredCPUCount: 4, trackHistory: false)
            for cpu in 0..<4 { batched.begin(cpu: cpu) }
            var single = batched
            let keys = (0..<4).map { PageKey(space: PageKey.kernelSpace, va: UInt64($0) * pageSize) }
            for _ in 0..<200 {
                let cpu = Int.random(in: 0..<4, using: &generator)
                let key = keys[Int.random(in: 0..<keys.count, using: &generator)]
                switch Int.random(in: 0..<4, using: &generator) {
                case 0:
                    batched.map(key)
                    single.map(key)
                case 1:
                    _ = batched.fill(cpu: cpu, key: key, pid: 1)
                    _ = single.fill(cpu: cpu, key: key, pid: 1)
                case 2:
                    _ = batched.unmap(key)
                    _ = single.unmap(key)
                default:
                    let targets = CPUSet((0..<4).filter { _ in Bool.random(using: &generator) })
                    batched.invalidate(key, on: targets)
                    for target in targets { single.invalidate(key, on: target) }
                }
                for key in keys {
                    #expect(batched.page(key)?.holders == single.page(key)?.holders)
                    #expect(batched.page(key)?.mapped == single.page(key)?.mapped)
                }
                #expect(batched.pages.count == single.pages.count)
            }
        }
    }
}
