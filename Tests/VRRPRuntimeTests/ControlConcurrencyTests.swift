import Foundation
import Glibc
import Logging
import Synchronization
import Testing
import VRRPRuntime

/// The control socket serves several clients at once: a stalled client delays nobody, gets a precise error when
/// its time is up, and the client beyond the bound is told the node is busy.
@Suite("control socket: concurrent clients")
struct ControlConcurrencyTests {
    static func path(_ name: String) -> String { "/tmp/vrrpsw-du-\(getpid())-\(name).sock" }

    /// A server whose status handler answers at once, with the given timeout and bound.
    static func server(
        path: String, timeout: Duration, maximumClients: Int
    ) throws
        -> ControlServer
    {
        var logger = Logger(label: "test.control.concurrency")
        logger.logLevel = .critical
        let handler = ControlHandler(
            status: { StatusDocument(generatedAt: "2026-01-01T00:00:00Z", pid: 1, instances: []) },
            reload: { ControlResponse(ok: true, message: "reloading") },
            setReleased: { _, _ in true })
        let server = try ControlServer(
            path: path, clientTimeout: timeout, maximumClients: maximumClients, handler: handler, logger: logger)
        server.start()
        return server
    }

    /// A raw connection that sends `bytes` and then holds the socket open without a newline.
    static func stalledClient(_ path: String, sending bytes: String) throws -> Int32 {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        try #require(descriptor >= 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() { raw[index] = byte }
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        try #require(connected == 0, "connect: \(String(cString: strerror(errno)))")
        if !bytes.isEmpty { _ = bytes.withCString { send(descriptor, $0, strlen($0), Int32(MSG_NOSIGNAL)) } }
        return descriptor
    }

    /// The first line the server writes to `descriptor`, waiting at most `timeout`.
    static func readLine(_ descriptor: Int32, timeout: Duration) -> String? {
        var received: [UInt8] = []
        let deadline = ContinuousClock.now + timeout
        var chunk = [UInt8](repeating: 0, count: 1024)
        while ContinuousClock.now < deadline {
            var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&entry, 1, 50) > 0 else { continue }
            let count = recv(descriptor, &chunk, chunk.count, 0)
            guard count > 0 else { break }
            received += chunk[..<count]
            if let newline = received.firstIndex(of: UInt8(ascii: "\n")) {
                return String(decoding: received[..<newline], as: UTF8.self)
            }
        }
        return nil
    }

    @Test("a client stalled mid-line does not delay another client's status")
    func stalledClientDoesNotBlockStatus() throws {
        let path = Self.path("stall")
        let server = try Self.server(path: path, timeout: .seconds(2), maximumClients: 4)
        defer { server.stop() }
        let stalled = try Self.stalledClient(path, sending: "{\"command\":\"sta")
        defer { close(stalled) }
        usleep(50_000)  // the server has accepted the stalled client and waits for the rest of its line
        let started = ContinuousClock.now
        let response = try ControlClient.send(ControlRequest(command: .status), path: path, timeout: .seconds(1))
        let elapsed = ContinuousClock.now - started
        #expect(response.ok)
        #expect(elapsed < .milliseconds(300), "status took \(elapsed) behind a stalled client")
    }

    @Test("a stalled client is answered with what it failed to send, once its time is up")
    func stalledClientGetsPreciseError() throws {
        let path = Self.path("timeout")
        let server = try Self.server(path: path, timeout: .milliseconds(300), maximumClients: 4)
        defer { server.stop() }
        let partial = try Self.stalledClient(path, sending: "sta")
        defer { close(partial) }
        let silent = try Self.stalledClient(path, sending: "")
        defer { close(silent) }
        let started = ContinuousClock.now
        let partialAnswer = try #require(Self.readLine(partial, timeout: .seconds(2)))
        let waited = ContinuousClock.now - started
        #expect(partialAnswer.contains("no complete request line within 0.3 s (3 bytes without a newline)"))
        #expect(partialAnswer.contains("\"ok\":false"))
        #expect(waited >= .milliseconds(250) && waited < .milliseconds(1500), "answered after \(waited)")
        let silentAnswer = try #require(Self.readLine(silent, timeout: .seconds(2)))
        #expect(silentAnswer.contains("no request within 0.3 s"))
    }

    @Test("a trickling client cannot hold its slot past the deadline of its line")
    func tricklingClient() throws {
        let path = Self.path("trickle")
        let server = try Self.server(path: path, timeout: .milliseconds(400), maximumClients: 4)
        defer { server.stop() }
        let client = try Self.stalledClient(path, sending: "s")
        defer { close(client) }
        // One byte every 150 ms: each read arrives well within 400 ms, the line never does.
        for byte in ["t", "a", "t"] {
            usleep(150_000)
            _ = byte.withCString { send(client, $0, 1, Int32(MSG_NOSIGNAL)) }
        }
        let answer = try #require(Self.readLine(client, timeout: .seconds(2)))
        #expect(answer.contains("no complete request line within 0.4 s"))
    }

    @Test("the client beyond the bound is told the node is busy; a freed slot serves again")
    func busy() throws {
        let path = Self.path("busy")
        let server = try Self.server(path: path, timeout: .seconds(1), maximumClients: 2)
        defer { server.stop() }
        let first = try Self.stalledClient(path, sending: "")
        let second = try Self.stalledClient(path, sending: "")
        usleep(100_000)
        let third = try Self.stalledClient(path, sending: "")
        defer { close(third) }
        let refusal = try #require(Self.readLine(third, timeout: .seconds(1)))
        #expect(refusal.contains("busy: 2 clients are being served"))
        close(first)
        close(second)
        // The stalled ones are closed by their clients; their slots free as soon as the server sees end of input.
        var served = false
        let deadline = ContinuousClock.now + .seconds(2)
        while !served, ContinuousClock.now < deadline {
            served =
                (try? ControlClient.send(ControlRequest(command: .ping), path: path, timeout: .seconds(1)))?.ok
                ?? false
            if !served { usleep(20_000) }
        }
        #expect(served)
    }
}
