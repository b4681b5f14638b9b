/// A place in a configuration file: path as given, 1-based line and column (columns count bytes).
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The file's path as the loader resolved it.
    public var file: String
    /// The 1-based line number.
    public var line: Int
    /// The 1-based column (byte offset in the line plus one).
    public var column: Int

    /// A location from its parts.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// Orders by file, then line, then column.
    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        if lhs.file != rhs.file { return lhs.file < rhs.file }
        if lhs.line != rhs.line { return lhs.line < rhs.line }
        return lhs.column < rhs.column
    }

    /// `file:line:col`.
    public var description: String { "\(file):\(line):\(column)" }
}
