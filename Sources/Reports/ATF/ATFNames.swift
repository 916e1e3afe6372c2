import Foundation

/// How traces and checks become ATF test program and test case names.
///
/// ATF identifiers must match `^[_A-Za-z0-9]+$` (atf-run `validate_and_insert`, kyua
/// `parse_atf_list`); atf-report's tps tokenizer splits on `:`, `,` and blanks, so test
/// program names must avoid those.
public enum ATFNames {
    /// The trace's file name without directories and without `.gz`/`.zz`/`.trace` suffixes.
    public static func stem(ofTrace path: String) -> String {
        var name = String(path.split(separator: "/").last ?? Substring(path))
        for suffix in [".gz", ".zz", ".zlib", ".trace", ".txt"] where name.hasSuffix(suffix) {
            name.removeLast(suffix.count)
        }
        return name.isEmpty ? "trace" : name
    }

    /// Replaces every character outside `[_A-Za-z0-9]` with `_`.
    public static func identifier(_ text: String) -> String {
        let mapped = text.unicodeScalars.map { scalar -> Character in
            isIdentifierScalar(scalar) ? Character(scalar) : "_"
        }
        return mapped.isEmpty ? "_" : String(mapped)
    }

    /// The test case identifier of one check on one trace: `ffs_read_4cpu__tlb_no_redundant_shootdowns`.
    public static func testCase(trace: String, check: String) -> String {
        identifier(stem(ofTrace: trace)) + "__" + identifier(check)
    }

    /// A test program name for a tps stream: the trace path with `:`, `,` and blanks made `_`.
    public static func testProgram(trace: String) -> String {
        let mapped = trace.map { char -> Character in
            char == ":" || char == "," || char.isWhitespace || char.isNewline ? "_" : char
        }
        return mapped.isEmpty ? "_" : String(mapped)
    }

    /// A reason on one line, as ATF results and tps `tc-end` lines need; never empty.
    public static func oneLine(_ reason: String, fallback: String = "no reason given") -> String {
        let flat = reason.split(whereSeparator: \.isNewline).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces)
        return flat.isEmpty ? fallback : flat
    }
}

private func isIdentifierScalar(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    return scalar == "_" || (0x30...0x39).contains(value) || (0x41...0x5A).contains(value)
        || (0x61...0x7A).contains(value)
}
