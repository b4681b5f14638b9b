import Glibc

/// A failed kernel call in VRRPSocket: which operation, on which interface, the errno and a sentence saying why.
public struct VRRPSocketError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was being done, e.g. `open raw IPv4 VRRP socket` or `join 224.0.0.18`.
    public var operation: String
    /// The interface the operation was for, when there is one.
    public var interface: String?
    /// The errno the kernel returned (0 when the failure was detected before any call).
    public var errno: Int32
    /// Why it failed, in words: `needs CAP_NET_RAW`, `no interface named eth7`, or the system's message.
    public var cause: String

    /// An error from its parts.
    public init(operation: String, interface: String?, errno: Int32, cause: String) {
        self.operation = operation
        self.interface = interface
        self.errno = errno
        self.cause = cause
    }

    /// An error for `errno`, with the cause worded for the common cases.
    init(_ operation: String, interface: String?, errno: Int32) {
        self.init(
            operation: operation, interface: interface, errno: errno,
            cause: Self.cause(of: errno, interface: interface))
    }

    /// The cause sentence for an errno.
    static func cause(of errno: Int32, interface: String?) -> String {
        switch errno {
        case EPERM, EACCES: return "needs CAP_NET_RAW"
        case ENODEV, ENXIO: return "no interface named \(interface ?? "?")"
        case ENETDOWN: return "interface \(interface ?? "?") is down"
        case EADDRNOTAVAIL: return "the address is not assigned to \(interface ?? "this host")"
        case ENETUNREACH: return "no route to the destination through \(interface ?? "this interface")"
        case EMSGSIZE: return "the packet is larger than \(interface ?? "the interface")'s MTU"
        default: return String(cString: strerror(errno))
        }
    }

    /// `operation on interface: cause (errno N)`.
    public var description: String {
        var text = operation
        if let interface { text += " on \(interface)" }
        text += ": " + cause
        if errno != 0 { text += " (errno \(errno))" }
        return text
    }
}
