/// How the loader reaches files; injectable so parsing stays pure and testable.
public protocol ConfigFileReader {
    /// The bytes of the file at `path`, or a description of why it cannot be read.
    func contents(ofFile path: String) -> Result<[UInt8], ConfigReadError>

    /// The names (not paths) of the entries of the directory at `path`; empty when it cannot be listed.
    func entries(ofDirectory path: String) -> [String]
}

/// Why a file could not be read.
public struct ConfigReadError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The cause in words, e.g. "no such file" or "permission denied".
    public var reason: String

    /// An error from its reason.
    public init(reason: String) { self.reason = reason }

    /// The reason.
    public var description: String { reason }
}
