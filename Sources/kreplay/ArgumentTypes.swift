import Analysis
import ArgumentParser
import Reports

// The command line's vocabularies, read straight into their types: a bad value is a
// usage error (exit 64) naming the option, before any trace is opened. The help
// strings list the values themselves, so ArgumentParser's own list is left out.

extension ReportFormat: ExpressibleByArgument {
    public static var allValueStrings: [String] { [] }
}

extension KernelVariant: ExpressibleByArgument {
    public static var allValueStrings: [String] { [] }
}

extension InputFormat: ExpressibleByArgument {
    public static var allValueStrings: [String] { [] }
}

extension SignalNumbering: ExpressibleByArgument {
    public static var allValueStrings: [String] { [] }
}
