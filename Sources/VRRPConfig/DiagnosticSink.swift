/// Collects diagnostics from the passes; a value so each pass can own one.
struct DiagnosticSink: Sendable {
    /// What was reported, in order.
    private(set) var diagnostics: [Diagnostic] = []

    /// Reports an error.
    mutating func error(_ code: DiagnosticCode, _ message: String, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(.error, code, message, at: location))
    }

    /// Reports a warning.
    mutating func warning(_ code: DiagnosticCode, _ message: String, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(.warning, code, message, at: location))
    }

    /// Reports a note.
    mutating func note(_ code: DiagnosticCode, _ message: String, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(.note, code, message, at: location))
    }

    /// Appends what another sink collected.
    mutating func append(contentsOf other: [Diagnostic]) {
        diagnostics.append(contentsOf: other)
    }
}
