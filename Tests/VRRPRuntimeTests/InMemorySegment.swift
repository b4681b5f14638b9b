import Foundation
import Glibc
import Synchronization
import VIPNetlink
import VRRPRuntime
import VRRPSocket
import VRRPWire

/// An in-memory Ethernet segment for runtime tests: transports on it deliver every advert to the others, and
/// each node's interface control keeps its addresses in memory. Descriptors are eventfds so the node's event
/// loop wakes exactly as it would for a socket.
final class InMemorySegment: Sendable {
    struct Sent: Sendable {
        var from: String
        var advertisement: Advertisement
        var at: ContinuousClock.Instant
    }

    let transports = Mutex<[(host: String, transport: FakeTransport)]>([])
    let sent = Mutex<[Sent]>([])
    let announcements = Mutex<[(host: String, address: IPAddress)]>([])

    func attach(_ transport: FakeTransport, host: String) {
        transports.withLock { $0.append((host, transport)) }
    }

    func broadcast(_ advertisement: Advertisement, from host: String, source: IPAddress) {
        sent.withLock { $0.append(Sent(from: host, advertisement: advertisement, at: .now)) }
        let peers = transports.withLock { $0.filter { $0.host != host }.map(\.transport) }
        let destination: IPAddress =
            source.family == .ipv4 ? .ipv4(.vrrpMulticast) : .ipv6(.vrrpMulticast)
        guard let endpoints = IPEndpoints(source: source, destination: destination),
            let bytes = try? advertisement.encoded(endpoints: endpoints)
        else { return }
        for peer in peers {
            peer.deliver(
                ReceivedPacket(source: source, destination: destination, ttl: 255, interfaceIndex: 2, payload: bytes))
        }
    }
}

extension IPEndpoints {
    init?(source: IPAddress, destination: IPAddress) {
        switch (source, destination) {
        case (.ipv4(let s), .ipv4(let d)): self = .ipv4(source: s, destination: d)
        case (.ipv6(let s), .ipv6(let d)): self = .ipv6(source: s, destination: d)
        default: return nil
        }
    }
}

final class FakeTransport: VRRPTransport, @unchecked Sendable {
    let host: String
    let segment: InMemorySegment
    private let inbox = WakeupQueue<ReceivedPacket>()
    /// Readable while packets wait.
    var descriptor: Int32 { inbox.descriptor }

    init(host: String, segment: InMemorySegment) {
        self.host = host
        self.segment = segment
        segment.attach(self, host: host)
    }

    func deliver(_ packet: ReceivedPacket) { inbox.push(packet) }

    func receiveAvailable() throws -> [ReceivedPacket] { inbox.drain() }

    func send(_ advertisement: Advertisement, from source: IPAddress, to destinations: [IPAddress]) throws {
        segment.broadcast(advertisement, from: host, source: source)
    }

    func announce(_ address: IPAddress) throws {
        segment.announcements.withLock { $0.append((host, address)) }
    }
}

final class FakeInterfaceControl: InterfaceControl, @unchecked Sendable {
    private let pending = WakeupQueue<InterfaceEvent>()
    /// Readable while injected events wait.
    var descriptor: Int32 { pending.descriptor }
    /// The route and rule families watched now.
    let watched = Mutex<(routes: Set<AddressFamily>, rules: Set<AddressFamily>)>(([], []))
    let primary: IPAddress
    let held = Mutex<Set<IPAddress>>([])
    /// The link state every interface reports: up, down, or nil for an interface that does not exist.
    let linkUp = Mutex<Bool?>(true)
    /// The interfaces whose link state the node asked for, in order.
    let askedLinks = Mutex<[String]>([])

    /// Virtual routes and rules installed now.
    let routes = Mutex<[KernelRoute]>([])
    let rules = Mutex<[KernelRule]>([])
    /// Every address, route and rule change in order, e.g. `add address 192.0.2.100`, `remove rule …`.
    let changes = Mutex<[String]>([])

    init(primary: IPAddress) { self.primary = primary }

    /// Queues an event for the node, as the kernel's netlink socket would.
    func inject(_ event: InterfaceEvent) { pending.push(event) }

    func add(_ address: ConfiguredAddress, on interface: String) throws {
        _ = held.withLock { $0.insert(address.address) }
        changes.withLock { $0.append("add address \(address.address)") }
    }

    func remove(_ address: ConfiguredAddress, on interface: String) throws {
        _ = held.withLock { $0.remove(address.address) }
        changes.withLock { $0.append("remove address \(address.address)") }
    }

    func change(_ route: KernelRoute, add: Bool) throws {
        routes.withLock { routes in
            routes.removeAll { $0 == route }
            if add { routes.append(route) }
        }
        changes.withLock { $0.append("\(add ? "add" : "remove") route \(route)") }
    }

    func change(_ rule: KernelRule, add: Bool) throws {
        rules.withLock { rules in
            rules.removeAll { $0 == rule }
            if add { rules.append(rule) }
        }
        changes.withLock { $0.append("\(add ? "add" : "remove") rule \(rule)") }
    }

    func receiveEvents() throws -> [InterfaceEvent] { pending.drain() }

    func watchRouting(routes: Set<AddressFamily>, rules: Set<AddressFamily>) throws {
        watched.withLock { $0 = (routes, rules) }
    }

    func routes(family: AddressFamily) throws -> [KernelRoute] {
        routes.withLock { $0 }.filter { $0.family == family }
    }

    func rules(family: AddressFamily) throws -> [KernelRule] {
        rules.withLock { $0 }.filter { $0.family == family }
    }
    func linkIsUp(_ interface: String) throws -> Bool? {
        askedLinks.withLock { $0.append(interface) }
        return linkUp.withLock { $0 }
    }
    func primaryAddress(of interface: String, family: AddressFamily) throws -> IPAddress? { primary }
    func addresses(of interface: String) throws -> [IPAddress] { Array(held.withLock { $0 }) }
}

struct FakeEnvironment: NodeEnvironment, @unchecked Sendable {
    let host: String
    let segment: InMemorySegment
    let control: FakeInterfaceControl

    func makeTransport(
        interface: String, family: AddressFamily, unicastSource: IPAddress?, unicastPeers: [IPAddress]
    ) throws -> any VRRPTransport {
        FakeTransport(host: host, segment: segment)
    }

    func makeInterfaceControl() throws -> any InterfaceControl { control }
}

/// Runs a node on a thread of its own and joins it.
final class NodeThread: @unchecked Sendable {
    let node: VRRPNode
    private final class Outcome: Sendable {
        let state = Mutex<(finished: Bool, error: (any Error)?)>((false, nil))
    }
    private let outcome = Outcome()
    private let thread: Thread

    init(_ node: VRRPNode) {
        self.node = node
        let outcome = self.outcome
        thread = Thread {
            do {
                try node.runOnCurrentThread()
                outcome.state.withLock { $0.finished = true }
            } catch {
                outcome.state.withLock { $0 = (true, error) }
            }
        }
        thread.start()
    }

    /// Stops the node and waits (bounded) for its thread to finish.
    func stop(timeout: Duration = .seconds(5)) -> Bool {
        node.stop()
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if outcome.state.withLock({ $0.finished }) { return true }
            usleep(2_000)
        }
        return false
    }

    var error: (any Error)? { outcome.state.withLock { $0.error } }
}
