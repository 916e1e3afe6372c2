extension Timeline {
    /// What the grouped findings tables need that findings do not carry, for the first
    /// shootdowns and signal events of a trace (bounded: ``FindingContext/limit`` each).
    public struct FindingContext: Sendable, Equatable {
        /// Entries kept per list.
        public static let limit = 20_000

        /// A shootdown with at least one target not `needed`.
        public struct Shootdown: Sendable, Equatable {
            public var line: Int
            public var initiator: Int
            /// 0 = full flush.
            public var pages: Int
            /// Targets of the shootdown (needed ones included).
            public var targets: Int

            public init(line: Int, initiator: Int, pages: Int, targets: Int) {
                self.line = line
                self.initiator = initiator
                self.pages = pages
                self.targets = targets
            }
        }

        /// A signal generation (`lwp_kill`, `kill`, `trapsignal`) for `pid`.
        public struct Generation: Sendable, Equatable {
            public var line: Int
            public var timeNs: Int64
            public var pid: Int32
            public var lid: Int32?
            public var signal: String
            public var call: String

            public init(line: Int, timeNs: Int64, pid: Int32, lid: Int32?, signal: String, call: String) {
                self.line = line
                self.timeNs = timeNs
                self.pid = pid
                self.lid = lid
                self.signal = signal
                self.call = call
            }
        }

        /// In line order.
        public var shootdowns: [Shootdown] = []
        /// In line order.
        public var generations: [Generation] = []
        /// `(line, child)` of wait returns, in line order.
        public var waitChildren: [(line: Int, child: Int32)] = []

        public init() {}

        public static func == (lhs: FindingContext, rhs: FindingContext) -> Bool {
            lhs.shootdowns == rhs.shootdowns && lhs.generations == rhs.generations
                && lhs.waitChildren.elementsEqual(rhs.waitChildren) { $0.line == $1.line && $0.child == $1.child }
        }

        /// The shootdown recorded at `line`, if kept.
        public func shootdown(at line: Int) -> Shootdown? {
            let index = Self.search(shootdowns.count) { shootdowns[$0].line < line }
            return index < shootdowns.count && shootdowns[index].line == line ? shootdowns[index] : nil
        }

        /// The child a wait return at `line` reported, if kept.
        public func waitChild(at line: Int) -> Int32? {
            let index = Self.search(waitChildren.count) { waitChildren[$0].line < line }
            return index < waitChildren.count && waitChildren[index].line == line ? waitChildren[index].child : nil
        }

        /// The last generation for `pid` at or before `line`, if kept.
        public func generation(for pid: Int32, atOrBefore line: Int) -> Generation? {
            let end = Self.search(generations.count) { generations[$0].line <= line }
            // Episodes are local: look back a bounded number of generations.
            for index in stride(from: end - 1, through: max(0, end - 4096), by: -1) where generations[index].pid == pid
            {
                return generations[index]
            }
            return nil
        }

        /// The first index in `0..<count` where `before` is false (`before` must be monotone).
        private static func search(_ count: Int, _ before: (Int) -> Bool) -> Int {
            var low = 0
            var high = count
            while low < high {
                let mid = (low + high) / 2
                if before(mid) { low = mid + 1 } else { high = mid }
            }
            return low
        }
    }
}
