import Glibc

/// Reads and writes /proc/sys files in the calling thread's network namespace.
public enum Sysctl {
    /// Reads a sysctl, e.g. `net/ipv6/conf/eth0/forwarding`, trimmed of trailing whitespace.
    /// - Throws: ``NetlinkError``: `no interface named …` for a missing per-interface directory.
    public static func read(_ path: String) throws(NetlinkError) -> String {
        let fd = open("/proc/sys/" + path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw error(reading: true, path: path, errno: Glibc.errno) }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        guard count >= 0 else { throw error(reading: true, path: path, errno: Glibc.errno) }
        var text = String(decoding: buffer[0..<count], as: UTF8.self)
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }

    /// Writes a sysctl.
    /// - Throws: ``NetlinkError``: `needs CAP_NET_ADMIN` (EACCES / EPERM), `no interface named …` (ENOENT).
    public static func write(_ value: String, to path: String) throws(NetlinkError) {
        let fd = open("/proc/sys/" + path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw error(reading: false, path: path, errno: Glibc.errno) }
        defer { close(fd) }
        let bytes = Array((value + "\n").utf8)
        let count = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        guard count == bytes.count else { throw error(reading: false, path: path, errno: Glibc.errno) }
    }

    /// Whether an interface forwards IPv6 (`net.ipv6.conf.IF.forwarding`): the Router flag of the unsolicited
    /// neighbour advertisements a master sends for its IPv6 VIPs (RFC 5798 §6.4.1).
    public static func isIPv6Forwarding(on interface: String) throws(NetlinkError) -> Bool {
        try read("net/ipv6/conf/\(interface)/forwarding") != "0"
    }

    private static func error(reading: Bool, path: String, errno: Int32) -> NetlinkError {
        let parts = path.split(separator: "/")
        let interface = parts.count >= 4 && parts[2] == "conf" ? String(parts[3]) : nil
        let operation = (reading ? "read " : "write ") + "/proc/sys/" + path
        if errno == ENOENT, let interface {
            return NetlinkError(
                operation: operation, interface: interface, errno: errno, cause: "no interface named \(interface)")
        }
        return NetlinkError(operation, interface: interface, errno: errno)
    }
}
