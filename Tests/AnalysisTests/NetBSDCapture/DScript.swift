import Foundation

/// What the golden tests need of `tools/capture/netbsd/kreplay.d`: its clauses'
/// balance and every `printf` with its tag, format string and argument texts.
///
/// Not a D compiler: it tokenizes just enough (comments, string literals,
/// brackets) to find the calls, and checks what can be checked without dtrace.
struct DScript {
    struct Printf {
        /// `name` of the `/* @name */` comment right before the call.
        var tag: String
        /// The format with D's escapes (`\n`, `\"`, `\\`) decoded.
        var format: String
        /// The argument expressions after the format, as written (trimmed).
        var arguments: [String]
        var line: Int
    }

    var printfs: [Printf] = []
    /// Problems found while reading: unbalanced brackets, untagged printfs, ….
    var problems: [String] = []
    /// Top-level `{ … }` blocks (clauses).
    var clauseCount = 0

    init(source: String) {
        let text = Array(source.unicodeScalars)
        var index = 0
        var line = 1
        var pendingTag: String?
        var depth: [Character] = []
        var sawDescriptionSinceClause = false

        func peek(_ offset: Int = 0) -> Character? {
            index + offset < text.count ? Character(text[index + offset]) : nil
        }

        while index < text.count {
            let c = Character(text[index])
            if c == "\n" { line += 1 }
            if c == "/" && peek(1) == "*" {
                // A comment; a tag comment names the next printf.
                let start = index + 2
                index += 2
                while index < text.count && !(Character(text[index]) == "*" && peek(1) == "/") {
                    if Character(text[index]) == "\n" { line += 1 }
                    index += 1
                }
                let body = String(String.UnicodeScalarView(text[start..<min(index, text.count)]))
                    .trimmingCharacters(in: .whitespaces)
                if body.hasPrefix("@"), !body.contains(" ") {
                    if pendingTag != nil { problems.append("line \(line): tag \(body) follows another tag") }
                    pendingTag = String(body.dropFirst())
                }
                index += 2
                continue
            }
            if c == "\"" {
                // A string literal outside printf (e.g. "kernel"): skip it.
                index += 1
                while index < text.count && Character(text[index]) != "\"" {
                    if Character(text[index]) == "\\" { index += 1 }
                    index += 1
                }
                index += 1
                continue
            }
            if depth.isEmpty && !c.isWhitespace && c != "{" { sawDescriptionSinceClause = true }
            if c == "{" || c == "(" || c == "[" {
                if c == "{" && depth.isEmpty {
                    clauseCount += 1
                    if !sawDescriptionSinceClause {
                        problems.append("line \(line): clause without a probe description")
                    }
                    sawDescriptionSinceClause = false
                }
                depth.append(c)
            } else if c == "}" || c == ")" || c == "]" {
                let open: Character = c == "}" ? "{" : c == ")" ? "(" : "["
                if depth.last != open {
                    problems.append("line \(line): unbalanced '\(c)'")
                } else {
                    depth.removeLast()
                }
            }
            if depth.contains("{"), Self.startsWord("printf", text, index) {
                let callLine = line
                index += 6
                while index < text.count && Character(text[index]).isWhitespace { index += 1 }
                guard peek() == "(" else {
                    problems.append("line \(callLine): printf without '('")
                    continue
                }
                let (arguments, end, newlines) = Self.callArguments(text, from: index)
                line += newlines
                index = end
                guard let first = arguments.first, first.hasPrefix("\""), first.hasSuffix("\""), first.count >= 2
                else {
                    problems.append("line \(callLine): printf whose first argument is not one string literal")
                    continue
                }
                guard let tag = pendingTag else {
                    problems.append("line \(callLine): printf without a /* @tag */ comment before it")
                    continue
                }
                pendingTag = nil
                printfs.append(
                    Printf(
                        tag: tag, format: Self.unescape(String(first.dropFirst().dropLast())),
                        arguments: Array(arguments.dropFirst()), line: callLine))
                continue
            }
            if depth.contains("{"),
                Self.startsWord("if", text, index) || Self.startsWord("else", text, index)
                    || Self.startsWord("for", text, index) || Self.startsWord("while", text, index)
            {
                problems.append("line \(line): NetBSD 8's D has no if/else or loops")
            }
            index += 1
        }
        if !depth.isEmpty { problems.append("end of file: unclosed \(String(depth))") }
        if let pendingTag { problems.append("tag @\(pendingTag) names no printf") }
        let tags = printfs.map(\.tag)
        for tag in Set(tags) where tags.filter({ $0 == tag }).count > 1 {
            problems.append("tag @\(tag) used by more than one printf")
        }
    }

    /// `word` starts at `index` and is a whole identifier.
    private static func startsWord(_ word: String, _ text: [Unicode.Scalar], _ index: Int) -> Bool {
        let scalars = Array(word.unicodeScalars)
        guard index + scalars.count <= text.count, Array(text[index..<index + scalars.count]) == scalars else {
            return false
        }
        func isIdentifier(_ scalar: Unicode.Scalar) -> Bool {
            CharacterSet.alphanumerics.contains(scalar) || scalar == "_" || scalar == ">" || scalar == "."
        }
        if index > 0, isIdentifier(text[index - 1]) { return false }
        if index + scalars.count < text.count, isIdentifier(text[index + scalars.count]) { return false }
        return true
    }

    /// The top-level comma-separated arguments of the call whose `(` is at `open`;
    /// returns them, the index after `)` and the newlines crossed.
    private static func callArguments(_ text: [Unicode.Scalar], from open: Int) -> ([String], Int, Int) {
        var arguments: [String] = []
        var current = ""
        var nesting = 0
        var index = open + 1
        var newlines = 0
        while index < text.count {
            let c = Character(text[index])
            if c == "\n" { newlines += 1 }
            if c == "\"" {
                current.append(c)
                index += 1
                while index < text.count && Character(text[index]) != "\"" {
                    current.append(Character(text[index]))
                    if Character(text[index]) == "\\" {
                        index += 1
                        current.append(Character(text[index]))
                    }
                    index += 1
                }
                current.append("\"")
                index += 1
                continue
            }
            if c == "(" || c == "[" { nesting += 1 }
            if c == ")" || c == "]" {
                if nesting == 0 && c == ")" {
                    arguments.append(current.trimmingCharacters(in: .whitespacesAndNewlines))
                    return (arguments, index + 1, newlines)
                }
                nesting -= 1
            }
            if c == "," && nesting == 0 {
                arguments.append(current.trimmingCharacters(in: .whitespacesAndNewlines))
                current = ""
            } else {
                current.append(c)
            }
            index += 1
        }
        return (arguments, index, newlines)
    }

    private static func unescape(_ literal: String) -> String {
        var out = ""
        var escaped = false
        for c in literal {
            if escaped {
                switch c {
                case "n": out.append("\n")
                case "t": out.append("\t")
                default: out.append(c)
                }
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.append(c)
            }
        }
        return out
    }
}

/// A D `printf` conversion as the script uses them: `%[-0][width][l|ll](s|d|u|x)` or `%%`.
struct DConversion: Equatable {
    var leftAlign = false
    var zeroPad = false
    var width = 0
    var kind: Character

    /// The conversions of `format`, in order; nil when one is not of the supported form.
    static func parse(_ format: String) -> [DConversion]? {
        var result: [DConversion] = []
        var chars = Array(format)[...]
        while let c = chars.popFirst() {
            guard c == "%" else { continue }
            var conversion = DConversion(kind: " ")
            while let flag = chars.first, flag == "-" || flag == "0" {
                if flag == "-" { conversion.leftAlign = true } else { conversion.zeroPad = true }
                chars.removeFirst()
            }
            while let digit = chars.first, let value = digit.wholeNumberValue {
                conversion.width = conversion.width * 10 + value
                chars.removeFirst()
            }
            while chars.first == "l" { chars.removeFirst() }
            guard let kind = chars.popFirst(), "sdux%".contains(kind) else { return nil }
            if kind == "%" { continue }
            conversion.kind = kind
            result.append(conversion)
        }
        return result
    }

    /// `value` as D prints it with this conversion (integers are 64-bit).
    func render(_ value: DValue) -> String {
        var text: String
        switch (kind, value) {
        case ("s", .string(let string)): text = string
        // A string the script builds from a number (lltostr): scripted as the number.
        case ("s", .number(let number)): text = String(number)
        case ("d", .number(let number)): text = String(Int64(bitPattern: number))
        case ("u", .number(let number)): text = String(number)
        case ("x", .number(let number)): text = String(number, radix: 16)
        default: text = "<\(kind)?\(value)>"
        }
        if text.count < width {
            let pad = String(repeating: zeroPad && !leftAlign && kind != "s" ? "0" : " ", count: width - text.count)
            if leftAlign {
                text += pad
            } else if zeroPad, text.hasPrefix("-") {
                text = "-" + pad + text.dropFirst()
            } else {
                text = pad + text
            }
        }
        return text
    }
}

/// A scripted argument value: a 64-bit integer or a string.
enum DValue: Equatable, CustomStringConvertible {
    case number(UInt64)
    case string(String)

    /// `123`, `-1`, `0x1f` are numbers; anything else a string.
    init(_ token: String) {
        if token.hasPrefix("0x"), let value = UInt64(token.dropFirst(2), radix: 16) {
            self = .number(value)
        } else if let value = UInt64(token) {
            self = .number(value)
        } else if let value = Int64(token) {
            self = .number(UInt64(bitPattern: value))
        } else {
            self = .string(token)
        }
    }

    var description: String {
        switch self {
        case .number(let number): return String(number)
        case .string(let string): return string
        }
    }
}

extension DScript.Printf {
    /// The prefix every event line starts with, and the arguments that fill it.
    static let eventPrefix = "%s-%d [%03d] %d.%09d: "
    static let eventPrefixArguments = [
        "execname", "pid", "cpu", "timestamp / 1000000000", "timestamp % 1000000000",
    ]

    var isEvent: Bool { format.hasPrefix(Self.eventPrefix) }

    /// The line this printf prints with `values` (one per conversion).
    func render(_ values: [DValue]) -> String? {
        guard let conversions = DConversion.parse(format), conversions.count == values.count else { return nil }
        var out = ""
        var chars = Array(format)[...]
        var next = 0
        while let c = chars.popFirst() {
            guard c == "%" else {
                out.append(c)
                continue
            }
            if chars.first == "%" {
                chars.removeFirst()
                out.append("%")
                continue
            }
            while let flag = chars.first, flag == "-" || flag == "0" || flag.isNumber || flag == "l" {
                chars.removeFirst()
            }
            chars.removeFirst()
            out += conversions[next].render(values[next])
            next += 1
        }
        return out
    }
}
