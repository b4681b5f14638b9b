public import VIPNetlink
public import VRRPSocket
public import VRRPWire

/// Sends and receives VRRP for one interface and address family: the runtime's view of a raw socket.
/// The kernel adapter (VRRPSocket) conforms; tests use an in-memory fake.
public protocol VRRPTransport: AnyObject {
    /// A descriptor that becomes readable when packets wait, or -1 when the runtime should not poll one.
    var descriptor: Int32 { get }
    /// Every packet that has arrived, without blocking.
    func receiveAvailable() throws -> [ReceivedPacket]
    /// Sends an advertisement from `source` to each destination (the VRRP group, or the unicast peers).
    func send(_ advertisement: Advertisement, from source: IPAddress, to destinations: [IPAddress]) throws
    /// Sends one gratuitous ARP (IPv4) or unsolicited neighbour advertisement (IPv6) for `address`.
    func announce(_ address: IPAddress) throws
    /// Sends a whole IPv4 packet built by the caller (header included): `auth_type AH` adverts, whose ICV
    /// covers the IPv4 header. Only transports made for AH can.
    func sendIPv4Packet(_ packet: [UInt8], from source: IPv4Address, to destination: IPv4Address) throws
    /// Sends several advertisements at once (the adverts of the instances due at one wake-up); returns the
    /// failures by index in `batch`. The default sends them one by one.
    func send(_ batch: [OutgoingAdvertisement]) -> [Int: any Error]
}

extension VRRPTransport {
    /// Sends each advertisement with ``send(_:from:to:)``, collecting the failures.
    public func send(_ batch: [OutgoingAdvertisement]) -> [Int: any Error] {
        var failures: [Int: any Error] = [:]
        for (index, outgoing) in batch.enumerated() {
            do {
                try send(outgoing.advertisement, from: outgoing.source, to: outgoing.destinations)
            } catch {
                failures[index] = error
            }
        }
        return failures
    }
}

/// A change on an interface that the runtime must react to.
public enum InterfaceEvent: Hashable, Sendable {
    /// The link went up (`true`) or down.
    case link(interface: String, isUp: Bool)
    /// An address was removed from the interface (possibly by someone else).
    case addressRemoved(interface: String, address: IPAddress)
    /// An address was added to the interface.
    case addressAdded(interface: String, address: IPAddress)
    /// A route was deleted (by anyone), as the kernel reported it; only while routes are watched
    /// (``InterfaceControl/watchRouting(routes:rules:)``).
    case routeRemoved(KernelRoute)
    /// A rule was deleted (by anyone), as the kernel reported it; only while rules are watched.
    case ruleRemoved(KernelRule)
    /// Events were lost (the kernel's queue overflowed): what they would have said must be read from the kernel.
    case eventsLost
}

/// One virtual address as it is put on an interface (keepalived's `virtual_ipaddress` line).
public struct ConfiguredAddress: Hashable, Sendable {
    /// The address.
    public var address: IPAddress
    /// The prefix length (default /32 or /128, as keepalived).
    public var prefixLength: UInt8
    /// The device; nil means the instance's interface.
    public var device: String?
    /// An IPv4 label (must start with the device name).
    public var label: String?
    /// The broadcast address, IPv4 only.
    public var broadcast: IPv4Address?
    /// The scope number (0 global, 253 link, 254 host), when set.
    public var scope: UInt8?
    /// IPv6: add without duplicate address detection (keepalived always does for VIPs).
    public var noDAD: Bool
    /// keepalived `no_track`: its removal by someone else does not take the instance out of MASTER.
    public var noTrack: Bool

    /// An address with keepalived's defaults: full-length prefix, no label, no DAD for IPv6.
    public init(
        _ address: IPAddress,
        prefixLength: UInt8? = nil,
        device: String? = nil,
        label: String? = nil,
        broadcast: IPv4Address? = nil,
        scope: UInt8? = nil,
        noDAD: Bool = true,
        noTrack: Bool = false
    ) {
        self.address = address
        self.prefixLength = prefixLength ?? (address.family == .ipv4 ? 32 : 128)
        self.device = device
        self.label = label
        self.broadcast = broadcast
        self.scope = scope
        self.noDAD = noDAD
        self.noTrack = noTrack
    }
}

/// Puts addresses on interfaces and reports interface events: the runtime's view of rtnetlink.
/// The kernel adapter (VIPNetlink) conforms; tests use an in-memory fake.
public protocol InterfaceControl: AnyObject {
    /// A descriptor that becomes readable when events wait, or -1.
    var descriptor: Int32 { get }
    /// Adds an address; one that is already there is not an error.
    func add(_ address: ConfiguredAddress, on interface: String) throws
    /// Removes an address; one that is gone is not an error.
    func remove(_ address: ConfiguredAddress, on interface: String) throws
    /// The events that have arrived, without blocking.
    func receiveEvents() throws -> [InterfaceEvent]
    /// Whether the interface exists and its link is up; nil when it does not exist.
    func linkIsUp(_ interface: String) throws -> Bool?
    /// The address adverts are sent from: the interface's primary IPv4, or its IPv6 link-local address.
    func primaryAddress(of interface: String, family: AddressFamily) throws -> IPAddress?
    /// The addresses the interface holds now.
    func addresses(of interface: String) throws -> [IPAddress]
    /// What holds the name a VMAC would take (see `InterfaceControl+VirtualMAC.swift` for the default).
    func inspectVirtualMAC(_ vmac: VirtualMACInterface) throws -> VirtualMACInterface.Existing
    /// Creates an instance's VMAC macvlan, or reuses a matching one, configures it as keepalived does and sets it up.
    func setUpVirtualMAC(_ vmac: VirtualMACInterface) throws -> VirtualMACInterface.Outcome
    /// Deletes a VMAC and, once the parent has none left, restores the parent's settings.
    func tearDownVirtualMAC(_ vmac: VirtualMACInterface) throws
    /// Installs (`add`) or removes a virtual route; one already in that state is not an error
    /// (see `InterfaceControl+Routes.swift` for the default).
    func change(_ route: KernelRoute, add: Bool) throws
    /// Installs (`add`) or removes a virtual rule; one already in that state is not an error.
    func change(_ rule: KernelRule, add: Bool) throws
    /// Reports route and rule deletions of these families as ``InterfaceEvent/routeRemoved(_:)`` /
    /// ``InterfaceEvent/ruleRemoved(_:)`` from now on; families not named are no longer reported.
    func watchRouting(routes: Set<AddressFamily>, rules: Set<AddressFamily>) throws
    /// The routes of a family the kernel holds now, in every table.
    func routes(family: AddressFamily) throws -> [KernelRoute]
    /// The table-lookup rules of a family the kernel holds now.
    func rules(family: AddressFamily) throws -> [KernelRule]
}

/// Makes the transports and the interface control for a node; the kernel's, or fakes.
public protocol NodeEnvironment {
    /// The transport for an interface and family, shared by the instances there.
    func makeTransport(
        interface: String,
        family: AddressFamily,
        unicastSource: IPAddress?,
        unicastPeers: [IPAddress]
    ) throws -> any VRRPTransport
    /// The transport for an interface and family whose gratuitous ARP / NA leave from another interface (the VMAC
    /// of a `vmac_xmit_base` instance); by default the transport above, announcing from its own interface.
    func makeTransport(
        interface: String,
        family: AddressFamily,
        unicastSource: IPAddress?,
        unicastPeers: [IPAddress],
        announcementInterface: String
    ) throws -> any VRRPTransport
    /// The interface control (one per node).
    func makeInterfaceControl() throws -> any InterfaceControl
    /// The transport for `auth_type AH` instances on an IPv4 interface: IP protocol 51, sending whole packets;
    /// gratuitous ARP leaves from `announcementInterface` when given (a `vmac_xmit_base` instance's VMAC).
    func makeAuthenticationHeaderTransport(
        interface: String,
        unicastSource: IPAddress?,
        unicastPeers: [IPAddress],
        announcementInterface: String?
    ) throws -> any VRRPTransport
}
