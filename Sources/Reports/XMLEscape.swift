/// Escapes text for XML content and attribute values.
///
/// Like kyua's `text::escape_xml` (`utils/text/operations.cpp`): `"&<>'` become entities and
/// the XML 1.1 RestrictedChars become a visible `&amp;#N;`. Unlike kyua, which copies bytes
/// through under its `iso-8859-1` declaration, non-ASCII characters become `&#N;` so the file
/// is well formed and correct whatever the declared encoding.
public func escapeXML(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "&quot;"
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "'": out += "&apos;"
        case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
        default:
            let value = scalar.value
            if value < 0x20 || (0x7F...0x84).contains(value) || (0x86...0x9F).contains(value) {
                out += "&amp;#\(value);"
            } else if value > 0x7E {
                out += "&#\(value);"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out
}
