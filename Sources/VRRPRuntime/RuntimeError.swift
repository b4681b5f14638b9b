/// A failure of the runtime's own system calls (event loop, timers, signals), naming the operation and the cause.
public struct RuntimeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was being done, e.g. `epoll_ctl ADD fd 7`.
    public var operation: String
    /// The errno value, or 0 when the failure is not a system call's.
    public var errno: Int32
    /// A sentence saying what went wrong.
    public var cause: String

    /// An error from its parts.
    public init(operation: String, errno: Int32 = 0, cause: String) {
        self.operation = operation
        self.errno = errno
        self.cause = cause
    }

    /// `operation: cause (errno N)`.
    public var description: String {
        errno == 0 ? "\(operation): \(cause)" : "\(operation): \(cause) (errno \(errno))"
    }
}
