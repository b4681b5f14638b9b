/// Everything learned from loading one node's configuration: the model, the findings and the sources.
public struct ConfigLoadResult: Sendable {
    /// The path that was loaded.
    public var path: String
    /// The typed model (usable even when there are errors: bad parts are skipped as keepalived skips them).
    public var configuration: KeepalivedConfiguration
    /// Every finding, sorted by place.
    public var diagnostics: [Diagnostic]
    /// The generic block tree after includes, conditionals and substitutions.
    public var tree: [ConfigNode]
    /// Each file read, with its lines (for rendering diagnostics).
    public var sources: [String: [String]]
    /// The files read, in order.
    public var files: [String]

    /// The most serious severity reported, or `nil` when there is nothing.
    public var worstSeverity: DiagnosticSeverity? { diagnostics.map(\.severity).max() }
    /// Whether any error was reported.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
