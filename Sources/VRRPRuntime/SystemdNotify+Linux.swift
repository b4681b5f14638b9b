import Glibc

/// systemd's readiness protocol (sd_notify(3)) without libsystemd: one datagram of `KEY=value` lines to the
/// socket named by `$NOTIFY_SOCKET` (a path, or an abstract name starting with `@`).
public enum SystemdNotify {
    /// The socket systemd asked for, or nil when the process does not run under `Type=notify`.
    public static var socketPath: String? {
        guard let value = getenv("NOTIFY_SOCKET") else { return nil }
        let path = String(cString: value)
        return path.isEmpty ? nil : path
    }

    /// Sends `state` (e.g. `READY=1\nSTATUS=2 instances`) to `path` (default: `$NOTIFY_SOCKET`); false when there
    /// is no socket or the send failed.
    @discardableResult
    public static func send(_ state: String, to path: String? = socketPath) -> Bool {
        guard let path, path.utf8.count < MemoryLayout.size(ofValue: sockaddr_un().sun_path) else { return false }
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
            // An abstract socket: a leading NUL instead of '@', and the length counts exactly the name.
            if bytes.first == UInt8(ascii: "@") { raw[0] = 0 }
        }
        let isAbstract = bytes.first == UInt8(ascii: "@")
        let length =
            isAbstract
            ? socklen_t(MemoryLayout<sa_family_t>.size + bytes.count) : socklen_t(MemoryLayout<sockaddr_un>.size)
        let message = Array(state.utf8)
        let sent = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                message.withUnsafeBytes {
                    sendto(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL), socketAddress, length)
                }
            }
        }
        return sent == message.count
    }
}
