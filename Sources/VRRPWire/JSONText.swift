/// A JSON string literal (RFC 8259 §7 escaping): the one escaper the report, diagnostic and dump writers share.
/// `escapingSolidus` also writes `/` as `\/`, as keepalived's JSON writer does (allowed by RFC 8259).
package func jsonStringLiteral(_ text: String, escapingSolidus: Bool = false) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        case "/" where escapingSolidus: result += "\\/"
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        default:
            if scalar.value < 0x20 {
                let digits = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
    }
    return result + "\""
}
