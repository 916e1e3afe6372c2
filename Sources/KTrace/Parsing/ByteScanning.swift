/// Byte constants and small scanners the parser shares.
enum ASCII {
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let hash: UInt8 = 0x23
    static let quote: UInt8 = 0x22
    static let backslash: UInt8 = 0x5c
    static let colon: UInt8 = 0x3a
    static let equals: UInt8 = 0x3d
    static let dash: UInt8 = 0x2d
    static let dot: UInt8 = 0x2e
    static let comma: UInt8 = 0x2c
    static let openBracket: UInt8 = 0x5b
    static let closeBracket: UInt8 = 0x5d
    static let openParen: UInt8 = 0x28
    static let closeParen: UInt8 = 0x29
    static let greater: UInt8 = 0x3e
    static let zero: UInt8 = 0x30
    static let nine: UInt8 = 0x39
    static let pipe: UInt8 = 0x7c

    @inline(__always) static func isBlank(_ byte: UInt8) -> Bool { byte == space || byte == tab }
    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte >= zero && byte <= nine }

    /// The value of a hex digit, or nil.
    @inline(__always) static func hexValue(_ byte: UInt8) -> UInt64? {
        // Two unsigned range checks (wrapping subtraction), `| 0x20` folding case.
        let decimal = byte &- zero
        if decimal < 10 { return UInt64(decimal) }
        let letter = (byte | 0x20) &- 0x61
        return letter < 6 ? UInt64(letter) + 10 : nil
    }
}

/// Number parsing on byte ranges: decimal, `0x` hex, optionally negative.
enum NumberParser {
    /// Parses an unsigned number; nil on garbage or overflow.
    static func unsigned(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, bareHex: Bool = false) -> UInt64? {
        guard !range.isEmpty else { return nil }
        var index = range.lowerBound
        var hexadecimal = bareHex
        if range.count > 2 && bytes[index] == ASCII.zero && (bytes[index + 1] | 0x20) == 0x78 {
            hexadecimal = true
            index += 2
        }
        var value: UInt64 = 0
        if hexadecimal {
            guard range.upperBound - index <= 16 else { return nil }
            while index < range.upperBound {
                guard let digit = ASCII.hexValue(bytes[index]) else { return nil }
                value = value << 4 | digit
                index += 1
            }
            return value
        }
        while index < range.upperBound {
            let byte = bytes[index]
            guard ASCII.isDigit(byte) else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte - ASCII.zero))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
            index += 1
        }
        return value
    }

    /// Parses a signed number that must fit `Int64`; `0x` hex is read as a
    /// two's-complement 64-bit value (a negative errno prints as `0xffff…f6`).
    static func signed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, bareHex: Bool = false) -> Int64? {
        guard !range.isEmpty else { return nil }
        if bytes[range.lowerBound] == ASCII.dash {
            guard let magnitude = unsigned(bytes, range.lowerBound + 1..<range.upperBound),
                magnitude <= UInt64(Int64.max)
            else { return nil }
            return -Int64(magnitude)
        }
        guard let value = unsigned(bytes, range, bareHex: bareHex) else { return nil }
        let isHex = bareHex || (range.count > 2 && (bytes[range.lowerBound + 1] | 0x20) == 0x78)
        if isHex { return Int64(bitPattern: value) }
        return value <= UInt64(Int64.max) ? Int64(value) : nil
    }

    /// `12.000133` → nanoseconds; the fraction has 1–9 digits.
    static func timestamp(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int64? {
        var index = range.lowerBound
        var secondsValue: Int64 = 0
        var sawDigit = false
        while index < range.upperBound && ASCII.isDigit(bytes[index]) {
            guard secondsValue < 9_000_000_000 else { return nil }
            secondsValue = secondsValue * 10 + Int64(bytes[index] - ASCII.zero)
            sawDigit = true
            index += 1
        }
        guard sawDigit, index < range.upperBound, bytes[index] == ASCII.dot else { return nil }
        index += 1
        let fractionDigits = range.upperBound - index
        guard fractionDigits >= 1 && fractionDigits <= 9 else { return nil }
        var fraction: Int64 = 0
        while index < range.upperBound {
            guard ASCII.isDigit(bytes[index]) else { return nil }
            fraction = fraction * 10 + Int64(bytes[index] - ASCII.zero)
            index += 1
        }
        for _ in fractionDigits..<9 { fraction *= 10 }
        // Beyond Int64 nanoseconds (about 292 years): not a timestamp.
        let (whole, overflow) = secondsValue.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow, whole <= Int64.max - fraction else { return nil }
        return whole + fraction
    }
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// True when `self[range]` spells `text`.
    @inline(__always)
    func matches(_ range: Range<Int>, _ text: StaticString) -> Bool {
        guard range.count == text.utf8CodeUnitCount else { return false }
        let pointer = text.utf8Start
        for offset in 0..<range.count where self[range.lowerBound + offset] != pointer[offset] {
            return false
        }
        return true
    }

    /// A `String` of `self[range]` (for names and messages, never per event in the hot path).
    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: self[range]), as: UTF8.self)
    }
}
