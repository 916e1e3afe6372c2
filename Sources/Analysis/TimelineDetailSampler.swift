/// Keeps the timeline's single events in bounded memory: the trace is cut into blocks of
/// about ``blockItems`` items (never between two items of the same instant) (an IPI costs 1 + its targets, any other event 1); block `i` is
/// kept when `i % stride == 0`, and when too many are kept every other one goes and the stride
/// doubles. What is kept is complete inside each block and spread evenly over the trace.
struct TimelineDetailSampler {
    static let blockItems = 256
    /// Blocks kept at most.
    static let maxBlocks = 96

    /// A shootdown with its targets packed as `cpu << 8 | full << 4 | limited`.
    struct RawIPI {
        var timeNs: Int64
        var line: Int
        var initiator: Int
        var pages: Int
        var targets: [UInt16]
    }

    struct Block {
        var index: Int
        var startNs: Int64
        var endNs: Int64
        var ipis: [RawIPI] = []
        var idle: [Timeline.IdlePeriod] = []
        var unmaps: [Timeline.Unmap] = []
        var stops: [Timeline.Stop] = []
        var waits: [Timeline.WaitReturn] = []
    }

    private(set) var stride = 1
    private(set) var kept: [Block] = []
    private var current: Block?
    private var index = 0
    private var fill = 0
    private var started = false
    /// Time of the last item admitted.
    private var lastTime: Int64 = .min

    /// Whether an item of `cost` at `time` is kept; call before storing it with the methods below.
    /// `idle` lists the CPUs idle now, for the block that closes.
    mutating func admit(cost: Int, at time: Int64, idle: [Int: Int64]) -> Bool {
        if !started {
            started = true
            current = Block(index: 0, startNs: time, endNs: time)
        } else if fill > 0 && fill + cost > Self.blockItems && time > lastTime {
            // Never between two items of one instant: a window's ends are its own items' times.
            close(at: lastTime, idle: idle, atEnd: false)
            index += 1
            fill = 0
            if index % stride == 0 { current = Block(index: index, startNs: time, endNs: time) }
        }
        fill += cost
        lastTime = max(lastTime, time)
        return current != nil
    }

    mutating func keep(_ ipi: RawIPI) { current?.ipis.append(ipi) }
    mutating func keep(_ period: Timeline.IdlePeriod) { current?.idle.append(period) }
    mutating func keep(_ unmap: Timeline.Unmap) { current?.unmaps.append(unmap) }
    mutating func keep(_ stop: Timeline.Stop) { current?.stops.append(stop) }
    mutating func keep(_ wait: Timeline.WaitReturn) { current?.waits.append(wait) }

    /// Ends the last block at the end of the trace.
    mutating func finish(at time: Int64, idle: [Int: Int64]) {
        close(at: time, idle: idle, atEnd: true)
    }

    private mutating func close(at time: Int64, idle: [Int: Int64], atEnd: Bool) {
        guard var block = current else { return }
        current = nil
        block.endNs = max(block.startNs, time)
        // CPUs idle across the block's end: drawn up to it (or to the trace's end).
        for (cpu, since) in idle.sorted(by: { $0.key < $1.key }) {
            block.idle.append(.init(cpu: cpu, startNs: since, endNs: atEnd ? nil : block.endNs))
        }
        kept.append(block)
        if kept.count > Self.maxBlocks {
            stride *= 2
            kept.removeAll { $0.index % stride != 0 }
        }
    }
}
