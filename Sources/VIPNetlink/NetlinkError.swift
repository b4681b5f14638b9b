import Glibc

/// A failed rtnetlink or sysctl operation: which operation, on which interface, the errno, a sentence saying
/// why, and the kernel's extended-ack message when it sent one.
public struct NetlinkError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was being done, e.g. `add address 192.0.2.100/24` or `create macvlan vrrp.51`.
    public var operation: String
    /// The interface the operation was for, when there is one.
    public var interface: String?
    /// The errno (0 when the failure was found before asking the kernel).
    public var errno: Int32
    /// Why it failed: `needs CAP_NET_ADMIN`, `no interface named eth7`, a validation message, or the system's.
    public var cause: String
    /// The kernel's own explanation (NLMSGERR_ATTR_MSG), when it gave one.
    public var kernelMessage: String?

    /// An error from its parts.
    public init(operation: String, interface: String?, errno: Int32, cause: String, kernelMessage: String? = nil) {
        self.operation = operation
        self.interface = interface
        self.errno = errno
        self.cause = cause
        self.kernelMessage = kernelMessage
    }

    /// An error for an errno, with the cause worded for the common cases.
    init(_ operation: String, interface: String?, errno: Int32, kernelMessage: String? = nil) {
        self.init(
            operation: operation, interface: interface, errno: errno,
            cause: Self.cause(of: errno, interface: interface), kernelMessage: kernelMessage)
    }

    /// The cause sentence for an errno.
    static func cause(of errno: Int32, interface: String?) -> String {
        switch errno {
        case EPERM, EACCES: return "needs CAP_NET_ADMIN"
        case ENODEV: return "no interface named \(interface ?? "?")"
        case EEXIST: return "it already exists"
        case EADDRNOTAVAIL: return "the address is not on \(interface ?? "the interface")"
        case EAGAIN: return "the kernel did not answer in time"
        default: return String(cString: strerror(errno))
        }
    }

    /// `operation on interface: cause (errno N; kernel: message)`.
    public var description: String {
        var text = operation
        if let interface { text += " on \(interface)" }
        text += ": " + cause
        var details: [String] = []
        if errno != 0 { details.append("errno \(errno)") }
        if let kernelMessage, !kernelMessage.isEmpty { details.append("kernel: \(kernelMessage)") }
        if !details.isEmpty { text += " (" + details.joined(separator: "; ") + ")" }
        return text
    }
}
