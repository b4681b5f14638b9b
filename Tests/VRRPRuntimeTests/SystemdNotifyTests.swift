import Glibc
import Testing
import VRRPRuntime

@Suite("sd_notify datagrams")
struct SystemdNotifyTests {
    /// A datagram socket bound to `name` (a path, or `@abstract`); returns its descriptor.
    static func listener(_ name: String) throws -> Int32 {
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        try #require(descriptor >= 0)
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(name.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
            if bytes.first == UInt8(ascii: "@") { raw[0] = 0 }
        }
        let length =
            bytes.first == UInt8(ascii: "@")
            ? socklen_t(MemoryLayout<sa_family_t>.size + bytes.count) : socklen_t(MemoryLayout<sockaddr_un>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        try #require(bound == 0, "bind \(name): \(String(cString: strerror(errno)))")
        return descriptor
    }

    static func receive(_ descriptor: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        return count > 0 ? String(decoding: buffer[..<count], as: UTF8.self) : nil
    }

    @Test("READY=1 arrives on a path socket and on an abstract one", arguments: ["path", "abstract"])
    func ready(kind: String) throws {
        let name =
            kind == "path" ? "/tmp/vrrpsw-op-notify-\(getpid()).sock" : "@vrrpsw-op-notify-\(getpid())"
        let descriptor = try Self.listener(name)
        defer {
            close(descriptor)
            if kind == "path" { unlink(name) }
        }
        #expect(SystemdNotify.send("READY=1\nSTATUS=running 2 VRRP instance(s)", to: name))
        #expect(Self.receive(descriptor) == "READY=1\nSTATUS=running 2 VRRP instance(s)")
    }

    @Test("no socket, or one nobody listens on: false, no trap")
    func noListener() {
        #expect(!SystemdNotify.send("READY=1", to: nil))
        #expect(!SystemdNotify.send("READY=1", to: "/tmp/vrrpsw-op-nobody-\(getpid()).sock"))
    }
}
