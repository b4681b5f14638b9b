import CVRRPShim
import Glibc

/// An AF_NETLINK / NETLINK_ROUTE socket with extended acks, closed when released.
final class NetlinkSocket: Sendable {
    /// The owned descriptor.
    let descriptor: OwnedDescriptor

    /// The largest datagram read; dumps come in pieces well below this.
    static let bufferLength = 1 << 16

    /// Opens a socket in the calling thread's network namespace, bound to `groups` (0 for requests only).
    init(groups: UInt32, nonBlocking: Bool, operation: String) throws(NetlinkError) {
        var type = Int32(SOCK_RAW.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        if nonBlocking { type |= Int32(SOCK_NONBLOCK.rawValue) }
        let raw = socket(AF_NETLINK, type, Int32(NETLINK_ROUTE))
        guard raw >= 0 else { throw NetlinkError(operation, interface: nil, errno: Glibc.errno) }
        descriptor = OwnedDescriptor(raw)
        var one: Int32 = 1
        _ = setsockopt(raw, RTNL.solNetlink, RTNL.extAck, &one, socklen_t(MemoryLayout<Int32>.size))
        _ = setsockopt(raw, RTNL.solNetlink, RTNL.capAck, &one, socklen_t(MemoryLayout<Int32>.size))
        if !nonBlocking {
            // Bound every wait for the kernel's answer.
            var timeout = timeval(tv_sec: 5, tv_usec: 0)
            _ = setsockopt(raw, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        }
        guard vrrp_shim_netlink_bind(raw, groups) == 0 else {
            throw NetlinkError(operation, interface: nil, errno: Glibc.errno)
        }
    }

    /// Sends one finished message.
    func send(_ message: NetlinkMessage, operation: String, interface: String?) throws(NetlinkError) {
        let sent = message.bytes.withUnsafeBytes {
            vrrp_shim_netlink_send(descriptor.rawValue, $0.baseAddress, $0.count)
        }
        guard sent == message.bytes.count else {
            throw NetlinkError(operation, interface: interface, errno: Glibc.errno)
        }
    }

    /// Receives one datagram; nil on EAGAIN for a non-blocking socket. ENOBUFS (events lost) is thrown.
    func receive(into buffer: inout [UInt8], operation: String, interface: String?) throws(NetlinkError) -> Int? {
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor.rawValue, $0.baseAddress, $0.count, 0) }
            if count >= 0 { return count }
            let code = Glibc.errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK { return nil }
            throw NetlinkError(operation, interface: interface, errno: code)
        }
    }
}
