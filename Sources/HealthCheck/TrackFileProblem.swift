/// Why a tracked file's content did not give a plain number, and what keepalived makes of it.
public enum TrackFileProblem: Hashable, Sendable, CustomStringConvertible {
    /// The file does not exist (or was deleted, or renamed away): the value is 0.
    case missing
    /// The file could not be opened or read (`open: Permission denied`): the value is 0.
    case unreadable(String)
    /// The file is empty: the value is 0.
    case empty
    /// The content does not start with a number (the text, shortened): the value is 0, as keepalived's strtol.
    case notANumber(String)
    /// The number is outside −2³¹…2³¹ (the text, shortened): ignored, the previous value stays, as keepalived.
    case outOfRange(String)
    /// The watch on the file's directory ended (the directory was removed or its file system unmounted): the
    /// value stays, and changes are no longer seen until a reload or restart.
    case watchEnded

    /// Whether the previous value stays in force (else the reading's value, 0, replaces it).
    public var keepsPreviousValue: Bool {
        switch self {
        case .outOfRange, .watchEnded: true
        case .missing, .unreadable, .empty, .notANumber: false
        }
    }

    /// `holds "abc", not a number: read as 0`.
    public var description: String {
        switch self {
        case .missing: "does not exist: read as 0"
        case .unreadable(let cause): "cannot be read (\(cause)): read as 0"
        case .empty: "is empty: read as 0"
        case .notANumber(let text): "holds \"\(text)\", not a number: read as 0"
        case .outOfRange(let text): "holds \(text), outside -2147483648…2147483648: ignored, the previous value stays"
        case .watchEnded: "is no longer watched: its directory was removed; the value stays until a reload"
        }
    }
}
