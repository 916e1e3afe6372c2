import Analysis
import KTrace

/// `kreplay --version`: the version, and which library inflates gzip/zlib (ISA-L
/// igzip when libisal.so.2 is installed, else zlib, saying why). The JSON outputs
/// carry only `kreplayVersion`, so they are the same whichever inflater is used.
let kreplayVersionString: String = {
    let inflater = InflaterKind.default
    var text = "\(kreplayVersion) (inflater: \(inflater.libraryDescription)"
    if inflater == .zlib {
        text += InflaterKind.isal.isAvailable ? "; KREPLAY_INFLATER=zlib" : "; \(InflaterKind.isal.libraryDescription)"
    }
    return text + ")"
}()
