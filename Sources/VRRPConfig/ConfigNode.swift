/// One statement of keepalived.conf in the generic block tree: a keyword, the values after it on its line,
/// and, when a `{ … }` block follows, the statements inside it. List blocks (`virtual_ipaddress`,
/// `track_script`, …) hold one child per line whose keyword is the line's first word.
public struct ConfigNode: Hashable, Sendable {
    /// The first token of the statement.
    public var keyword: ConfigToken
    /// The tokens after the keyword on its line, before any `{`.
    public var arguments: [ConfigToken]
    /// The statements of the block, or `nil` when no block follows.
    public var children: [ConfigNode]?

    /// A node from its parts.
    public init(keyword: ConfigToken, arguments: [ConfigToken] = [], children: [ConfigNode]? = nil) {
        self.keyword = keyword
        self.arguments = arguments
        self.children = children
    }

    /// The keyword's text.
    public var name: String { keyword.text }
    /// Where the statement starts.
    public var location: SourceLocation { keyword.location }
    /// The keyword and arguments as words (keyword first), e.g. the parts of a virtual address line.
    public var words: [ConfigToken] { [keyword] + arguments }
}
