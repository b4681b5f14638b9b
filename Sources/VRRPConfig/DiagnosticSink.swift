/// Collects diagnostics from the passes; a value so each pass can own one.
package struct DiagnosticSink: Sendable {
    /// An empty sink.
    package init() {}

    /// What was reported, in order.
    package private(set) var diagnostics: [Diagnostic] = []

    /// Reports an error.
    package mutating func error(_ code: DiagnosticCode, _ message: String, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(.error, code, message, at: location))
    }

    /// Reports a warning.
    package mutating func warning(_ code: DiagnosticCode, _ message: String, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(.warning, code, message, at: location))
    }

    /// Reports a note.
    package mutating func note(_ code: DiagnosticCode, _ message: String, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(.note, code, message, at: location))
    }

    /// Appends what another sink collected.
    package mutating func append(contentsOf other: [Diagnostic]) {
        diagnostics.append(contentsOf: other)
    }
}
