/// Why a process could not be started or watched; names the operation, the program and the cause.
public struct ProcessError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was being done: `spawn`, `wait`, `signal`.
    public var operation: String
    /// The program concerned.
    public var program: String
    /// The errno value.
    public var errno: Int32
    /// A sentence saying what went wrong.
    public var cause: String

    /// An error from its parts.
    public init(operation: String, program: String, errno: Int32, cause: String) {
        self.operation = operation
        self.program = program
        self.errno = errno
        self.cause = cause
    }

    /// `spawn /usr/bin/x: no such file (errno 2)`.
    public var description: String { "\(operation) \(program): \(cause) (errno \(errno))" }
}
