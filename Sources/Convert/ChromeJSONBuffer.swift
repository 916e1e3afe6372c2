import Synth

/// Chrome Trace Event records written straight into a `TraceLineBuffer`.
///
/// Every record lives in process 1 ("kreplay: TRACE"); CPU `n` is thread `n + 1`
/// named `cpun` (tid 0 is avoided: some importers treat it as the swapper).
struct ChromeJSONBuffer {
    let out = TraceLineBuffer()
    private var first = true

    static func tid(_ cpu: Int) -> Int { cpu + 1 }

    /// `{"ph":"X","name":…,"cat":…,"pid":1,"tid":…,"ts":…` — end it with `close()`.
    mutating func open(_ phase: StaticString, name: String, cat: StaticString, cpu: Int, ts: Int64) {
        out.append(first ? "\n" : ",\n")
        first = false
        out.append("{\"ph\":\"")
        out.append(phase)
        out.append("\",\"name\":")
        string(name)
        out.append(",\"cat\":\"")
        out.append(cat)
        out.append("\",\"pid\":1,\"tid\":")
        out.appendDecimal(Self.tid(cpu))
        out.append(",\"ts\":")
        time(ts)
    }

    /// A metadata record (`ph` M) for the process (cpu nil) or a CPU's thread.
    mutating func metadata(_ name: StaticString, cpu: Int?, key: StaticString, value: String) {
        out.append(first ? "\n" : ",\n")
        first = false
        out.append("{\"ph\":\"M\",\"name\":\"")
        out.append(name)
        out.append("\",\"pid\":1")
        if let cpu {
            out.append(",\"tid\":")
            out.appendDecimal(Self.tid(cpu))
        }
        out.append(",\"args\":{\"")
        out.append(key)
        out.append("\":")
        if let number = Int(value) { out.appendDecimal(number) } else { string(value) }
        out.append("}}")
    }

    /// Microseconds with nanosecond decimals.
    func time(_ ns: Int64) {
        let value = UInt64(max(ns, 0))
        out.appendDecimal(value / 1000)
        out.append(UInt8(ascii: "."))
        out.appendDecimal(value % 1000, width: 3, pad: 48)
    }

    /// `,"key":` — follow with a value.
    func key(_ name: StaticString) {
        out.append(",\"")
        out.append(name)
        out.append("\":")
    }

    /// `,"args":{"line":N` — add more with `arg`, end with `close()` twice.
    func args(line: Int) {
        out.append(",\"args\":{\"line\":")
        out.appendDecimal(line)
    }

    func arg(_ name: StaticString, _ value: String) {
        key(name)
        string(value)
    }

    func arg(_ name: StaticString, _ value: Int64) {
        key(name)
        out.appendDecimal(value)
    }

    func close() { out.append(UInt8(ascii: "}")) }

    /// A JSON string with the escapes RFC 8259 needs.
    func string(_ value: String) {
        out.append(UInt8(ascii: "\""))
        for byte in value.utf8.prefix(TraceLineBuffer.maxLineLength / 8) {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                out.append(UInt8(ascii: "\\"))
                out.append(byte)
            case 0..<0x20:
                out.append("\\u00")
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default:
                out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
