import Analysis
import KTrace

/// `kreplay --version`: the version, and which library inflates gzip/zlib
/// (zlib, or ISA-L in a build with the `ISAL` trait). The JSON outputs carry only
/// `kreplayVersion`, so they are the same whichever inflater a build has.
let kreplayVersionString = "\(kreplayVersion) (inflater: \(InflaterKind.default.libraryDescription))"
