import Glibc
public import VIPNetlink
public import VRRPSocket
public import VRRPWire

/// The real adapters: raw VRRP sockets and AF_PACKET announcements (VRRPSocket), rtnetlink (VIPNetlink).
public struct KernelEnvironment: NodeEnvironment, Sendable {
    /// Whether to accept adverts only from configured unicast peers (keepalived `vrrp_check_unicast_src`).
    public var checkUnicastSource: Bool

    /// The kernel environment.
    public init(checkUnicastSource: Bool = false) {
        self.checkUnicastSource = checkUnicastSource
    }

    public func makeTransport(
        interface: String,
        family: AddressFamily,
        unicastSource: IPAddress?,
        unicastPeers: [IPAddress]
    ) throws -> any VRRPTransport {
        try KernelTransport(
            interface: interface, family: family,
            acceptedSources: checkUnicastSource && !unicastPeers.isEmpty ? Set(unicastPeers) : nil)
    }

    public func makeTransport(
        interface: String,
        family: AddressFamily,
        unicastSource: IPAddress?,
        unicastPeers: [IPAddress],
        announcementInterface: String
    ) throws -> any VRRPTransport {
        let transport = try KernelTransport(
            interface: interface, family: family,
            acceptedSources: checkUnicastSource && !unicastPeers.isEmpty ? Set(unicastPeers) : nil)
        // With `vmac_xmit_base` the socket is on the parent and the announcements leave from the VMAC.
        transport.announcementInterface = announcementInterface
        return transport
    }

    public func makeInterfaceControl() throws -> any InterfaceControl {
        try KernelInterfaceControl()
    }

    public func makeAuthenticationHeaderTransport(
        interface: String,
        unicastSource: IPAddress?,
        unicastPeers: [IPAddress],
        announcementInterface: String?
    ) throws -> any VRRPTransport {
        let transport = try KernelTransport(
            interface: interface, family: .ipv4,
            acceptedSources: checkUnicastSource && !unicastPeers.isEmpty ? Set(unicastPeers) : nil,
            ipProtocol: .authenticationHeader)
        if let announcementInterface {
            transport.announcementInterface = announcementInterface
        }
        return transport
    }
}

/// A raw VRRP socket for one interface and family, plus the AF_PACKET socket for gratuitous ARP / NA.
final class KernelTransport: VRRPTransport {
    let socket: VRRPSocket
    let interface: String
    let family: AddressFamily
    /// Where gratuitous ARP / NA leave from: the socket's interface, or the VMAC of a `vmac_xmit_base` instance.
    var announcementInterface: String
    private var announcer: AnnouncementSocket?
    /// Opened on the first announcement and kept: a master transition sends several per address.
    private var netlink: RouteNetlink?

    init(
        interface: String, family: AddressFamily, acceptedSources: Set<IPAddress>?, ipProtocol: IPProtocol = .vrrp
    ) throws {
        self.interface = interface
        self.family = family
        self.announcementInterface = interface
        self.socket = try VRRPSocket(
            VRRPSocketConfiguration(
                interface: interface, family: family, acceptedSources: acceptedSources, ipProtocol: ipProtocol))
    }

    var descriptor: Int32 { socket.fileDescriptor }

    /// Everything the kernel has queued (up to 32 batches of 64). The loop handles timeouts after reads: after a
    /// stall, reading one batch only would leave adverts that arrived in time queued, and their routers' timers
    /// would expire (seen: a backup of 100 instances at 10 ms taking all 100 VIPs).
    /// A batch that comes back short drained the queue: no further call (it would only fail with EAGAIN).
    func receiveAvailable() throws -> [ReceivedPacket] {
        var packets: [ReceivedPacket] = []
        for _ in 0..<32 {
            guard try socket.receiveBatch(maximum: 64, into: &packets) == 64 else { break }
        }
        return packets
    }

    func send(_ advertisement: Advertisement, from source: IPAddress, to destinations: [IPAddress]) throws {
        try socket.send(advertisement, from: source, toEach: destinations)
    }

    func sendIPv4Packet(_ packet: [UInt8], from source: IPv4Address, to destination: IPv4Address) throws {
        try socket.sendIPv4Packet(packet, from: source, to: destination)
    }

    func send(_ batch: [OutgoingAdvertisement]) -> [Int: any Error] {
        socket.send(batch).mapValues { $0 }
    }

    func announce(_ address: IPAddress) throws {
        let netlink = try netlink ?? RouteNetlink()
        self.netlink = netlink
        let interface = announcementInterface
        let link = try netlink.interface(named: interface)
        guard let mac = link.hardwareAddress else {
            throw RuntimeError(operation: "announce \(address) on \(interface)", cause: "the interface has no MAC")
        }
        if announcer == nil { announcer = try AnnouncementSocket(interface: interface) }
        switch address {
        case .ipv4(let v4):
            try announcer?.sendGratuitousARP(for: v4, from: mac)
        case .ipv6(let v6):
            let source = try netlink.linkLocalIPv6Address(of: interface) ?? .any
            try announcer?.sendUnsolicitedNeighborAdvertisement(
                for: v6, from: mac, source: source, isRouter: Self.forwardsIPv6(interface))
        }
    }

    /// The Router flag of a neighbour advertisement is set when the interface forwards IPv6 (RFC 4861 §4.4).
    static func forwardsIPv6(_ interface: String) -> Bool {
        guard let file = fopen("/proc/sys/net/ipv6/conf/\(interface)/forwarding", "r") else { return false }
        defer { fclose(file) }
        return fgetc(file) == Int32(UInt8(ascii: "1"))
    }
}

/// rtnetlink: addresses added and removed, link and address events.
final class KernelInterfaceControl: InterfaceControl {
    let netlink: RouteNetlink
    let monitor: NetlinkEventMonitor
    private var names: [Int32: String] = [:]
    /// Per parent interface: the VMACs on it and the parent's sysctls as they were before the first one.
    var virtualMACParents: [String: (users: Set<String>, previous: [VMACSysctls.Setting])] = [:]

    init() throws {
        netlink = try RouteNetlink()
        monitor = try NetlinkEventMonitor()
    }

    var descriptor: Int32 { monitor.fileDescriptor }

    func add(_ address: ConfiguredAddress, on interface: String) throws {
        try netlink.addAddress(
            address.address, prefixLength: address.prefixLength, to: interface, label: address.label,
            scope: AddressScope(rawValue: address.scope ?? 0), broadcast: address.broadcast, noDAD: address.noDAD)
    }

    func remove(_ address: ConfiguredAddress, on interface: String) throws {
        try netlink.deleteAddress(address.address, prefixLength: address.prefixLength, from: interface)
    }

    func change(_ route: KernelRoute, add: Bool) throws {
        if add { try netlink.addRoute(route) } else { try netlink.deleteRoute(route) }
    }

    func change(_ rule: KernelRule, add: Bool) throws {
        if add { try netlink.addRule(rule) } else { try netlink.deleteRule(rule) }
    }

    func watchRouting(routes: Set<AddressFamily>, rules: Set<AddressFamily>) throws {
        try monitor.watchRoutes(routes)
        try monitor.watchRules(rules)
    }

    func routes(family: AddressFamily) throws -> [KernelRoute] { try netlink.routes(family: family) }

    func rules(family: AddressFamily) throws -> [KernelRule] { try netlink.rules(family: family) }

    func receiveEvents() throws -> [InterfaceEvent] {
        var result: [InterfaceEvent] = []
        for event in try monitor.events() {
            switch event {
            case .linkChanged(let link):
                names[link.index] = link.name
                result.append(.link(interface: link.name, isUp: link.isUsable))
            case .linkRemoved(let link):
                names[link.index] = nil
                result.append(.link(interface: link.name, isUp: false))
            case .addressAdded(let address):
                if let name = name(of: address.interfaceIndex) {
                    result.append(.addressAdded(interface: name, address: address.address))
                }
            case .addressRemoved(let address):
                if let name = name(of: address.interfaceIndex) {
                    result.append(.addressRemoved(interface: name, address: address.address))
                }
            case .routeRemoved(var route, let index):
                route.device = index.flatMap { name(of: $0) }
                result.append(.routeRemoved(route))
            case .ruleRemoved(let rule, let protocolNumber):
                // As keepalived: a rule that carries another protocol is not one of ours.
                if protocolNumber ?? KernelRoute.keepalivedProtocol == KernelRoute.keepalivedProtocol {
                    result.append(.ruleRemoved(rule))
                }
            case .overrun:
                // Events were lost: report every link's current state so no change goes unnoticed.
                for link in (try? netlink.interfaces()) ?? [] {
                    result.append(.link(interface: link.name, isUp: link.isUsable))
                }
                result.append(.eventsLost)
            }
        }
        return result
    }

    private func name(of index: Int32) -> String? {
        if let name = names[index] { return name }
        let name = try? netlink.interface(index: index).name
        names[index] = name
        return name
    }

    func linkIsUp(_ interface: String) throws -> Bool? {
        do {
            return try netlink.interface(named: interface).isUsable
        } catch let error where error.errno == ENODEV {
            return nil
        }
    }

    func primaryAddress(of interface: String, family: AddressFamily) throws -> IPAddress? {
        switch family {
        case .ipv4: try netlink.primaryIPv4Address(of: interface).map { .ipv4($0) }
        case .ipv6: try netlink.linkLocalIPv6Address(of: interface).map { .ipv6($0) }
        }
    }

    func addresses(of interface: String) throws -> [IPAddress] {
        try netlink.addresses(of: interface).map(\.address)
    }
}
