/// Splits one logical line of keepalived.conf into tokens the way keepalived 2.2 does: whitespace separates,
/// `{` and `}` are tokens of their own even when glued to a word, a `#` or `!` at the start of a token begins a
/// comment, and double quotes group (with `\"` and `\\` escapes).
package struct ConfigLexer {
    /// Tokenizes `bytes`, whose byte `i` sits at column `columns[i]` of `line` in `file`.
    package static func tokenize(
        _ bytes: [UInt8],
        columns: [Int32],
        file: String,
        line: Int,
        into tokens: inout [ConfigToken],
        diagnostics: inout DiagnosticSink
    ) {
        var i = 0
        let count = bytes.count
        func location(_ index: Int) -> SourceLocation {
            let column = index < columns.count ? Int(columns[index]) : (columns.last.map { Int($0) + 1 } ?? 1)
            return SourceLocation(file: file, line: line, column: column)
        }
        while i < count {
            let byte = bytes[i]
            if byte == 0x20 || byte == 0x09 || byte == 0x0B || byte == 0x0C || byte == 0x0D {
                i += 1
                continue
            }
            if byte == UInt8(ascii: "#") || byte == UInt8(ascii: "!") { break }
            if byte == UInt8(ascii: "{") {
                tokens.append(ConfigToken(.openBrace, "{", at: location(i)))
                i += 1
                continue
            }
            if byte == UInt8(ascii: "}") {
                tokens.append(ConfigToken(.closeBrace, "}", at: location(i)))
                i += 1
                continue
            }
            if byte == UInt8(ascii: "\"") {
                let start = i
                var text: [UInt8] = []
                i += 1
                var closed = false
                while i < count {
                    let c = bytes[i]
                    if c == UInt8(ascii: "\\"), i + 1 < count,
                        bytes[i + 1] == UInt8(ascii: "\"") || bytes[i + 1] == UInt8(ascii: "\\")
                    {
                        text.append(bytes[i + 1])
                        i += 2
                        continue
                    }
                    if c == UInt8(ascii: "\"") {
                        closed = true
                        i += 1
                        break
                    }
                    text.append(c)
                    i += 1
                }
                if !closed {
                    diagnostics.error(
                        .unterminatedQuote, "missing closing '\"': the string runs to the end of the line",
                        at: location(start))
                }
                tokens.append(ConfigToken(.quoted, String(decoding: text, as: UTF8.self), at: location(start)))
                continue
            }
            let start = i
            while i < count {
                let c = bytes[i]
                if c == 0x20 || c == 0x09 || c == 0x0B || c == 0x0C || c == 0x0D || c == UInt8(ascii: "{")
                    || c == UInt8(ascii: "}") || c == UInt8(ascii: "\"")
                {
                    break
                }
                i += 1
            }
            let word = String(decoding: bytes[start..<i], as: UTF8.self)
            if word.count > 1, word.hasSuffix(";") {
                diagnostics.warning(
                    .semicolon,
                    "';' is not a statement terminator in keepalived.conf: the value reads '\(word)'",
                    at: location(i - 1))
            }
            tokens.append(ConfigToken(.word, word, at: location(start)))
        }
    }
}
