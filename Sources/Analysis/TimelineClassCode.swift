import TLBModel

/// The 4-bit class codes the timeline packs into each target (`cpu << 8 | full << 4 | limited`):
/// NetBSD's classes in `ShootdownClass.allCases` order (0–5), then the Linux model's own
/// (`lazy`, `not-loaded`). ``names`` turns a code into the class name the page shows.
enum TimelineClassCode {
    static let names =
        ShootdownClass.allCases.map(\.rawValue) + [
            LinuxTargetClass.lazy.rawValue, LinuxTargetClass.notLoaded.rawValue,
        ]
    static let needed = 0
    static let idle = 2
    static let unknown = 5
    static let lazy = 6
    static let notLoaded = 7
    /// "No limited class" in the low nibble.
    static let none = 0xf

    /// Whether the class at `code` makes a target redundant (every class but `needed` and `unknown`).
    static func isRedundant(_ code: Int) -> Bool { code != needed && code != unknown && code < names.count }

    /// The code of a Linux target class.
    static func code(_ linux: LinuxTargetClass) -> Int {
        switch linux {
        case .needed: return needed
        case .idle: return idle
        case .lazy: return lazy
        case .notLoaded: return notLoaded
        case .unknown: return unknown
        }
    }
}
