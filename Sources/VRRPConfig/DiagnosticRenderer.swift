import VRRPWire

/// Prints diagnostics the way compilers do — `file:line:col: error: message`, the source line, a caret — plus a
/// summary, or as JSON for machines.
public struct DiagnosticRenderer: Sendable {
    /// The lines of each file, to quote.
    public var sources: [String: [String]]

    /// A renderer quoting from `sources`.
    public init(sources: [String: [String]]) { self.sources = sources }

    /// One diagnostic in text form, ending with a newline.
    public func render(_ diagnostic: Diagnostic) -> String {
        guard let location = diagnostic.location else {
            return "\(diagnostic.severity): \(diagnostic.message) [\(diagnostic.code)]\n"
        }
        var text = "\(location): \(diagnostic.severity): \(diagnostic.message) [\(diagnostic.code)]\n"
        if let lines = sources[location.file], location.line >= 1, location.line <= lines.count {
            let line = lines[location.line - 1]
            text += "    \(line)\n"
            // The caret goes under the column, keeping tabs so it lines up in a terminal.
            var pad = ""
            for (offset, byte) in line.utf8.enumerated() where offset < location.column - 1 {
                pad += byte == 0x09 ? "\t" : " "
            }
            text += "    \(pad)^\n"
        }
        return text
    }

    /// `N errors, M warnings in K files` (or `no problems in …`).
    public static func summary(_ diagnostics: [Diagnostic], files: Int) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        let where_ = "\(files) file\(files == 1 ? "" : "s") checked"
        if errors == 0 && warnings == 0 { return "no problems; \(where_)" }
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return "\(count(errors, "error")), \(count(warnings, "warning")); \(where_)"
    }

    /// The diagnostics as a JSON array of objects with `file`, `line`, `column`, `severity`, `code`, `message`.
    public static func json(_ diagnostics: [Diagnostic]) -> String {
        var text = "["
        for (index, diagnostic) in diagnostics.enumerated() {
            if index > 0 { text += "," }
            text += "\n  {"
            if let location = diagnostic.location {
                text +=
                    "\"file\": \(quoted(location.file)), \"line\": \(location.line), \"column\": \(location.column), "
            } else {
                text += "\"file\": null, \"line\": null, \"column\": null, "
            }
            text +=
                "\"severity\": \(quoted(diagnostic.severity.description)), "
                + "\"code\": \(quoted(diagnostic.code.rawValue)), "
            text += "\"message\": \(quoted(diagnostic.message))}"
        }
        text += diagnostics.isEmpty ? "]" : "\n]"
        return text
    }

    /// A JSON string literal.
    public static func quoted(_ string: String) -> String { jsonStringLiteral(string) }
}
