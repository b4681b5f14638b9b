/// Loads and checks a keepalived.conf: tokens → block tree → typed model → validation. The pure entry point
/// the runtime and `vrrpctl check` use; all file access goes through `reader`.
public struct KeepalivedConfigLoader<Reader: ConfigFileReader> {
    /// Where files come from.
    public var reader: Reader
    /// The id `@name` conditional lines are matched against (keepalived's `-i`, default the host name).
    public var configID: String?
    /// Whether an interface exists on this host; `nil` (the default) skips interface checks.
    public var interfaceExists: (@Sendable (String) -> Bool)?
    /// The most bytes `$VARIABLE` expansion may produce for one configuration (default 16 MiB).
    package var maximumExpandedBytes = 16 << 20

    /// A loader over `reader`.
    public init(reader: Reader, configID: String? = nil, interfaceExists: (@Sendable (String) -> Bool)? = nil) {
        self.reader = reader
        self.configID = configID
        self.interfaceExists = interfaceExists
    }

    /// Loads `path` and its includes, builds the model and validates it.
    public func load(path: String) -> ConfigLoadResult {
        var source = ConfigSourceLoader(
            reader: reader, configID: configID, maximumExpandedBytes: maximumExpandedBytes)
        source.load(path: path)
        var parser = ConfigTreeParser(tokens: source.tokens)
        let tree = parser.parse()
        var builder = ConfigModelBuilder()
        let configuration = builder.build(tree)
        let validator = ConfigValidator(interfaceExists: interfaceExists)
        var diagnostics =
            source.diagnostics.diagnostics + parser.diagnostics.diagnostics
            + builder.diagnostics.diagnostics
        diagnostics += validator.validate(configuration, facts: builder.instanceFacts)
        let order = Dictionary(source.files.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        diagnostics = Self.sorted(diagnostics, fileOrder: order)
        return ConfigLoadResult(
            path: path, configuration: configuration, diagnostics: diagnostics, tree: tree, sources: source.sources,
            files: source.files)
    }

    /// Sorts by file (in reading order), line and column; findings without a place come last; stable otherwise.
    static func sorted(_ diagnostics: [Diagnostic], fileOrder: [String: Int]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            switch (a.element.location, b.element.location) {
            case (nil, nil): return a.offset < b.offset
            case (nil, _): return false
            case (_, nil): return true
            case (let l?, let r?):
                let lf = fileOrder[l.file] ?? Int.max
                let rf = fileOrder[r.file] ?? Int.max
                if lf != rf { return lf < rf }
                if l.line != r.line { return l.line < r.line }
                if l.column != r.column { return l.column < r.column }
                return a.offset < b.offset
            }
        }.map(\.element)
    }
}
