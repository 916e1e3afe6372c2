import Foundation

/// Shows bytes read and lines per second on standard error while traces are read.
final class ProgressDisplay: @unchecked Sendable {
    static var stderrIsTerminal: Bool { isatty(2) != 0 }

    private let enabled: Bool
    private let lock = NSLock()
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drewSomething = false

    init(enabled: Bool) { self.enabled = enabled }

    /// The callback a trace's reader calls after each buffer, or nil when disabled.
    func callback(for path: String) -> (@Sendable (Int64, Int) -> Void)? {
        guard enabled else { return nil }
        let name = (path as NSString).lastPathComponent
        return { [self] bytes, lines in draw(name, bytes, lines) }
    }

    private func draw(_ name: String, _ bytes: Int64, _ lines: Int) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.2 else { return }
        lastDraw = now
        let elapsed = max(now.timeIntervalSince(start), 0.001)
        let mib = Double(bytes) / 1_048_576
        let rate = Double(lines) / elapsed / 1_000_000
        let text = String(format: "\r%@: %.1f MiB, %.2f M lines/s   ", name, mib, rate)
        FileHandle.standardError.write(Data(text.utf8))
        drewSomething = true
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drewSomething { FileHandle.standardError.write(Data("\r\u{1b}[K".utf8)) }
    }
}
