import ArgumentParser

/// `kreplay convert TRACE --to chrome-json|ftrace [-o FILE]` (placeholder until the converters land).
struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Convert a trace to Chrome JSON or canonical ftrace.")
}
