/// One finding about a configuration: where, how serious, what kind, and a precise message.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// How serious it is.
    public var severity: DiagnosticSeverity
    /// The kind of finding.
    public var code: DiagnosticCode
    /// One line saying what is wrong and what happens because of it.
    public var message: String
    /// Where it is; `nil` for findings about the whole set of files.
    public var location: SourceLocation?

    /// A finding from its parts.
    public init(_ severity: DiagnosticSeverity, _ code: DiagnosticCode, _ message: String, at location: SourceLocation?)
    {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
    }

    /// `file:line:col: severity: message [code]`.
    public var description: String {
        let place = location.map { "\($0): " } ?? ""
        return "\(place)\(severity): \(message) [\(code)]"
    }
}
