import Foundation
import Glibc
import Logging
import Synchronization
import Testing
import VRRPRuntime
import VRRPStateMachine
import VRRPWire

@Suite("control socket end to end on a temporary path")
struct ControlProtocolTests {
    static func server(
        _ nodes: OperatorTestNodes, path: String, reloads: ReloadCounter = ReloadCounter()
    ) throws
        -> ControlServer
    {
        var logger = Logger(label: "test.control")
        logger.logLevel = .critical
        let control = nodes.controlA
        let handler = ControlHandler.node(
            nodes.nodeA,
            reload: {
                reloads.increment()
                return ControlResponse(ok: true, message: "reloading")
            },
            presentAddresses: { control.held.withLock { $0 } })
        let server = try ControlServer(path: path, handler: handler, logger: logger)
        server.start()
        return server
    }

    @Test("status, ping, reload over the socket; the socket file is 0600 and removed on stop")
    func statusPingReload() async throws {
        let nodes = try OperatorTestNodes()
        #expect(await OperatorTestNodes.eventually { nodes.nodeA.status.first?.state == .master })
        let path = OperatorTestNodes.socketPath("status")
        let reloads = ReloadCounter()
        let server = try Self.server(nodes, path: path, reloads: reloads)
        var info = stat()
        #expect(stat(path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        let status = try ControlClient.send(ControlRequest(command: .status), path: path)
        #expect(status.ok)
        #expect(status.status?.instances.first?.state == "MASTER")
        #expect(status.status?.instances.first?.virtualAddresses.first?.present == true)
        #expect(try ControlClient.send(ControlRequest(command: .ping), path: path).message == "pong")
        let reload = try ControlClient.send(ControlRequest(command: .reload), path: path)
        #expect(reload.ok && reload.message == "reloading")
        #expect(reloads.count == 1)
        server.stop()
        #expect(access(path, F_OK) != 0, "the socket file is removed")
    }

    @Test("release takes the master out (FAULT, VIP handed to the backup); restore brings it back")
    func releaseAndRestore() async throws {
        let nodes = try OperatorTestNodes()
        #expect(await OperatorTestNodes.eventually { nodes.nodeA.status.first?.state == .master })
        let path = OperatorTestNodes.socketPath("release")
        let server = try Self.server(nodes, path: path)
        defer { server.stop() }
        let released = try ControlClient.send(ControlRequest(command: .release, instance: "VI_1"), path: path)
        #expect(released.ok)
        #expect(await OperatorTestNodes.eventually { nodes.nodeA.status.first?.state == .fault })
        #expect(await OperatorTestNodes.eventually { nodes.nodeB.status.first?.state == .master })
        #expect(nodes.controlA.held.withLock { $0 }.isEmpty)
        #expect(await OperatorTestNodes.eventually { nodes.controlB.held.withLock { $0 } == [OperatorTestNodes.vip] })
        let document = try #require(try ControlClient.send(ControlRequest(command: .status), path: path).status)
        #expect(document.instances.first?.released == true)
        #expect(document.instances.first?.faultCauses == ["tracked operator:release failed"])
        // A reload keeps the release: the operator item keeps its state by name.
        nodes.nodeA.reload(OperatorTestNodes.configuration(priority: 160))
        #expect(await OperatorTestNodes.eventually { nodes.nodeA.status.first?.basePriority == 160 })
        try await Task.sleep(for: .milliseconds(300))
        #expect(nodes.nodeA.status.first?.state == .fault)
        #expect(nodes.nodeA.status.first?.isReleased == true)
        #expect(
            nodes.nodeA.status.first?.trackedItems.filter { $0.name == OperatorRelease.trackedItemName }.count == 1)
        #expect(try ControlClient.send(ControlRequest(command: .restore, instance: "VI_1"), path: path).ok)
        #expect(
            await OperatorTestNodes.eventually { nodes.nodeA.status.first?.state == .master },
            "\(String(describing: nodes.nodeA.status.first))")
        #expect(await OperatorTestNodes.eventually { nodes.nodeB.status.first?.state == .backup })
        #expect(nodes.nodeA.status.first?.isReleased == false)
    }

    @Test("bad requests get precise errors; words work as well as JSON")
    func badRequests() async throws {
        let nodes = try OperatorTestNodes()
        #expect(await OperatorTestNodes.eventually { !nodes.nodeA.status.isEmpty })
        let path = OperatorTestNodes.socketPath("bad")
        let server = try Self.server(nodes, path: path)
        defer { server.stop() }
        let unknown = try ControlClient.send(ControlRequest(command: .release, instance: "VI_9"), path: path)
        #expect(!unknown.ok && unknown.error == "no instance named 'VI_9'")
        let missing = try ControlClient.send(ControlRequest(command: .restore), path: path)
        #expect(!missing.ok && missing.error == "'restore' needs an instance name")
        let words = try ControlClient.exchange("status", path: path, timeout: .seconds(2))
        #expect(
            words.contains("\"schema\":\"vrrpctl.status\\/1\"") || words.contains("\"schema\":\"vrrpctl.status/1\""))
        let verb = try ControlClient.exchange("frobnicate VI_1", path: path, timeout: .seconds(2))
        #expect(verb.contains("unknown command 'frobnicate'"))
        let json = try ControlClient.exchange("{\"command\": 7}", path: path, timeout: .seconds(2))
        #expect(json.contains("\"ok\":false"))
        let truncated = try ControlClient.exchange("{\"command\":", path: path, timeout: .seconds(2))
        #expect(truncated.contains("not valid JSON"))
    }

    @Test("no node, a stale socket, a second server, an unreadable socket: each a clear error")
    func failures() async throws {
        let path = OperatorTestNodes.socketPath("none")
        #expect {
            try ControlClient.send(ControlRequest(command: .status), path: path)
        } throws: { error in
            "\(error)".contains("no node is running (the control socket does not exist")
        }
        // A stale socket file: bound, never listened on, closed.
        let stale = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(stale, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        #expect(bound == 0)
        close(stale)
        #expect {
            try ControlClient.send(ControlRequest(command: .status), path: path)
        } throws: { error in
            "\(error)".contains("stale socket")
        }
        // A server replaces the stale file; a second server on the same path is refused.
        let nodes = try OperatorTestNodes()
        let server = try Self.server(nodes, path: path)
        defer { server.stop() }
        #expect(try ControlClient.send(ControlRequest(command: .ping), path: path).ok)
        #expect {
            _ = try Self.server(nodes, path: path)
        } throws: { error in
            "\(error)".contains("another process serves it")
        }
        // Unreadable for an unprivileged user: only checkable when the test runs as root.
        if getuid() == 0 {
            let child = fork()
            if child == 0 {
                // Only system calls in the child of a threaded process.
                _ = setgid(65534)
                _ = setuid(65534)
                let probe = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
                let result = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        connect(probe, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                    }
                }
                _exit(result != 0 && (errno == EACCES || errno == EPERM) ? 0 : 1)
            }
            var status: Int32 = 0
            waitpid(child, &status, 0)
            #expect(status == 0, "an unprivileged client cannot connect to the 0600 socket")
        }
    }
}

/// Counts reload requests across threads.
final class ReloadCounter: Sendable {
    private let value = Mutex(0)
    func increment() { value.withLock { $0 += 1 } }
    var count: Int { value.withLock { $0 } }
}
