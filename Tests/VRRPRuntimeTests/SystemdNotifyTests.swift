import Glibc
import Testing
import VRRPRuntime
import VRRPStateMachine

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

@Suite("sd_notify messages")
struct SystemdNotifyMessageTests {
    @Test("a reload opens with RELOADING=1 and MONOTONIC_USEC in one datagram and closes with READY=1")
    func reloadMessages() {
        let now = SystemdNotify.monotonicMicroseconds
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        let clock = Int64(spec.tv_sec) * 1_000_000 + Int64(spec.tv_nsec) / 1000
        #expect(clock - now >= 0 && clock - now < 1_000_000)
        #expect(
            SystemdNotify.reloadingMessage(monotonicMicroseconds: 42, status: "reloading /etc/k.conf")
                == "RELOADING=1\nMONOTONIC_USEC=42\nSTATUS=reloading /etc/k.conf")
        #expect(SystemdNotify.reloadedMessage(status: "1 instance: 1 MASTER") == "READY=1\nSTATUS=1 instance: 1 MASTER")
        #expect(SystemdNotify.stoppingMessage().hasPrefix("STOPPING=1\nSTATUS="))
    }

    @Test("the STATUS line counts instances by state and names released ones")
    func statusLine() async throws {
        #expect(SystemdNotify.statusLine([]) == "no instances")
        let nodes = try OperatorTestNodes()
        let elected = await OperatorTestNodes.eventually {
            nodes.nodeA.status.first?.state == .master && nodes.nodeB.status.first?.state == .backup
        }
        try #require(elected)
        #expect(SystemdNotify.statusLine(nodes.nodeA.status) == "1 instance: 1 MASTER")
        #expect(SystemdNotify.statusLine(nodes.nodeB.status) == "1 instance: 1 BACKUP")
        #expect(SystemdNotify.statusLine(nodes.nodeA.status + nodes.nodeB.status) == "2 instances: 1 MASTER, 1 BACKUP")
        nodes.nodeA.setReleased(instance: "VI_1", true)
        let released = await OperatorTestNodes.eventually { nodes.nodeA.status.first?.isReleased == true }
        try #require(released)
        #expect(SystemdNotify.statusLine(nodes.nodeA.status).hasSuffix("(released: VI_1)"))
    }
}
