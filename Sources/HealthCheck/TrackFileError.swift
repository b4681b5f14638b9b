/// Why a tracked file could not be watched or initialised; names the operation, the path and the cause.
public struct TrackFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was being done: `inotify_init1`, `inotify_add_watch`, `realpath`, `init_file`.
    public var operation: String
    /// The file or directory concerned.
    public var path: String
    /// The errno value (0 when the cause is not an errno).
    public var errno: Int32
    /// A sentence saying what went wrong.
    public var cause: String

    /// An error from its parts.
    public init(operation: String, path: String, errno: Int32, cause: String) {
        self.operation = operation
        self.path = path
        self.errno = errno
        self.cause = cause
    }

    /// `inotify_add_watch /run/x: No such file or directory (errno 2)`.
    public var description: String {
        "\(operation) \(path): \(cause)" + (errno != 0 ? " (errno \(errno))" : "")
    }
}
