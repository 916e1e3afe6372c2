import CISAL
import CZlib

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// ISA-L igzip's inflate functions, loaded from the shared library at run time.
///
/// kreplay links only zlib. When libisal is installed (Debian `libisal2`) its
/// inflater costs about a third of zlib's instructions, so it is the default. The
/// library is opened once per process, on first use; one that cannot be opened,
/// lacks a symbol or fails the self-test (a different `inflate_state` layout) is
/// left alone and zlib inflates.
struct ISALLibrary: @unchecked Sendable {
    let inflateInit: kreplay_isal_state_fn
    let inflateReset: kreplay_isal_state_fn
    let inflate: kreplay_isal_inflate_fn
    /// The library's file after symbolic links (`libisal.so.2.0.30`), for `--version`.
    let fileName: String

    /// The names tried, in order: the ABI version kreplay's declarations follow.
    static let names = ["libisal.so.2", "libisal.2.dylib"]

    /// The loaded library, or nil when no usable one is installed.
    static let shared: ISALLibrary? = names.lazy.compactMap { load($0) }.first

    /// Opens `name` with the dynamic loader; nil unless it is a usable igzip.
    static func load(_ name: String) -> ISALLibrary? {
        guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) else { return nil }
        guard let initSymbol = dlsym(handle, "isal_inflate_init"),
            let resetSymbol = dlsym(handle, "isal_inflate_reset"),
            let inflateSymbol = dlsym(handle, "isal_inflate")
        else {
            dlclose(handle)
            return nil
        }
        let library = ISALLibrary(
            inflateInit: unsafeBitCast(initSymbol, to: kreplay_isal_state_fn.self),
            inflateReset: unsafeBitCast(resetSymbol, to: kreplay_isal_state_fn.self),
            inflate: unsafeBitCast(inflateSymbol, to: kreplay_isal_inflate_fn.self),
            fileName: fileName(of: inflateSymbol) ?? name)
        guard library.passesSelfTest() else {
            dlclose(handle)
            return nil
        }
        // Stays loaded for the life of the process.
        return library
    }

    private static func fileName(of symbol: UnsafeMutableRawPointer) -> String? {
        var info = kreplay_dl_info()
        guard kreplay_dladdr(symbol, &info) != 0, let path = info.dli_fname else { return nil }
        let resolved = realpath(path, nil)
        defer { free(resolved) }
        let full = resolved.map { String(cString: $0) } ?? String(cString: path)
        return full.split(separator: "/").last.map(String.init) ?? full
    }

    /// Inflates a small gzip member made by zlib, whole and with a damaged CRC: the
    /// output, the end state, igzip's CRC and the checksum error must all be where
    /// kreplay's declarations put them.
    func passesSelfTest() -> Bool {
        let text = Array(String(repeating: "kreplay igzip self-test 0123456789\n", count: 64).utf8)
        guard var member = try? CompressedWriter.compress(text), member.count > 8 else { return false }
        let crc = text.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, UInt32($0.count))) }
        let good = inflateOnce(member, expecting: text)
        guard good.status == .memberEnd, good.crc == crc else { return false }
        member[member.count - 8] ^= 1
        return inflateOnce(member, expecting: text).status == .corrupt("incorrect data check", bytesBefore: 4)
    }

    /// One call over all of `member`: its status (`.needsInput` unless all of the
    /// input went in and `text` came out) and igzip's CRC.
    private func inflateOnce(_ member: [UInt8], expecting text: [UInt8]) -> (status: InflateStep.Status, crc: UInt32) {
        let inflater = ISALInflater(container: .gzip, library: self)
        var input = member
        var output = [UInt8](repeating: 0, count: text.count + 64)
        let step = input.withUnsafeMutableBytes { inputBytes in
            output.withUnsafeMutableBytes { inflater.inflate(inputBytes, into: $0) }
        }
        guard step.consumed == member.count, output[..<step.produced].elementsEqual(text) else {
            return (.needsInput, 0)
        }
        return (step.status, inflater.crc)
    }
}
