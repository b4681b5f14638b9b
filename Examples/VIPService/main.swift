// An example of embedding a VRRP node in a Swift server.
//
// A tiny HTTP service that owns its virtual IP through the library (no keepalived.conf) and does master-only work
// (here: a heartbeat line each second) only while its node is master. Run it on two hosts of one segment:
//
//     vip-service --interface eth0 --vip 192.0.2.100/24 --vrid 51 --priority 150 --port 8080
//     vip-service --interface eth0 --vip 192.0.2.100/24 --vrid 51 --priority 100 --port 8080
//
// `curl http://192.0.2.100:8080/` answers from whichever host is master. SIGTERM or SIGINT stop it gracefully:
// the master sends priority 0 and releases the address, so the other host takes over within Skew_Time.
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import UnixSignals
import VRRPRuntime
import VRRPStateMachine
import VRRPWire

/// The role the node holds now, shared with the HTTP thread.
final class Role: Sendable {
    let state = Mutex(VirtualRouter.State.initialize)
}

/// Answers every HTTP request with the node's role, on a thread of its own.
func serveHTTP(port: UInt16, role: Role, logger: Logger) throws {
    let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard listener >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
    var yes: Int32 = 1
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = INADDR_ANY
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
    }
    guard bound == 0, listen(listener, 64) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
    logger.info("HTTP on port \(port)")
    Thread.detachNewThread {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { continue }
            var request = [UInt8](repeating: 0, count: 1024)
            _ = read(connection, &request, request.count)
            let body = "\(ProcessInfo.processInfo.hostName) is \(role.state.withLock { $0 })\n"
            let response =
                "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
            _ = response.withCString { write(connection, $0, strlen($0)) }
            close(connection)
        }
    }
}

@main
struct VIPService {
    static func main() async throws {
        var arguments = ArraySlice(CommandLine.arguments.dropFirst())
        var options: [String: String] = [:]
        while let flag = arguments.popFirst() {
            guard flag.hasPrefix("--"), let value = arguments.popFirst() else {
                print("usage: vip-service --interface IF --vip A/LEN --vrid N --priority P [--port PORT]")
                exit(2)
            }
            options[String(flag.dropFirst(2))] = value
        }
        guard let interface = options["interface"], let vipText = options["vip"],
            let vrid = options["vrid"].flatMap(UInt8.init), let priority = options["priority"].flatMap(UInt8.init)
        else {
            print("usage: vip-service --interface IF --vip A/LEN --vrid N --priority P [--port PORT]")
            exit(2)
        }
        let parts = vipText.split(separator: "/")
        guard let vip = IPAddress(String(parts[0])) else {
            print("vip-service: \(vipText) is not an address")
            exit(2)
        }
        let prefix = parts.count > 1 ? UInt8(parts[1]) : nil

        LoggingSystem.bootstrap { _ in ConsoleLogHandler(level: .info) }
        let logger = Logger(label: "vip-service")

        // The typed configuration: no keepalived.conf needed.
        let router = VirtualRouter.Configuration(
            virtualRouterID: vrid, family: vip.family, version: .v3, priority: priority,
            advertisementInterval: AdvertisementInterval(centiseconds: 100), virtualAddresses: [vip],
            primaryAddress: nil, interfaceName: interface)
        let node = VRRPNode(
            configuration: NodeConfiguration(instances: [
                NodeConfiguration.Instance(
                    name: "vip-service", interface: interface, router: router,
                    addresses: [ConfiguredAddress(vip, prefixLength: prefix)])
            ]),
            environment: KernelEnvironment(), logger: logger)

        let role = Role()
        try serveHTTP(port: options["port"].flatMap(UInt16.init) ?? 8080, role: role, logger: logger)

        // Master-only work follows the node's state changes.
        let work = Task {
            var heartbeat: Task<Void, Never>?
            for await change in node.stateChanges {
                role.state.withLock { $0 = change.to }
                heartbeat?.cancel()
                heartbeat = nil
                if change.to == .master {
                    heartbeat = Task {
                        while !Task.isCancelled {
                            logger.info("master-only work: heartbeat")
                            try? await Task.sleep(for: .seconds(1))
                        }
                    }
                }
            }
            heartbeat?.cancel()
        }

        let group = ServiceGroup(
            services: [node], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        try await group.run()
        await work.value
    }
}
