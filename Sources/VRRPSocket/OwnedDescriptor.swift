import Glibc

/// A file descriptor this module owns: closed exactly once, when the last reference goes away.
final class OwnedDescriptor: Sendable {
    /// The descriptor number.
    let rawValue: Int32

    /// Takes ownership of an open descriptor.
    init(_ rawValue: Int32) {
        self.rawValue = rawValue
    }

    deinit {
        _ = Glibc.close(rawValue)
    }
}
