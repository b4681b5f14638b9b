public import VRRPWire

/// One VMAC macvlan as the node sets it up: what an ``InterfaceControl`` creates for an instance with
/// ``VirtualMACConfiguration``.
public struct VirtualMACInterface: Hashable, Sendable, CustomStringConvertible {
    /// The macvlan's name (`vrrp.51`).
    public var name: String
    /// The interface it sits on (the instance's interface).
    public var parent: String
    /// The virtual router MAC address.
    public var hardwareAddress: MACAddress
    /// The instance's address family: IPv4 macvlans get keepalived's ARP sysctls and IPv6 disabled; IPv6 ones get
    /// the parent's link-local address (adverts' source).
    public var family: AddressFamily
    /// Whether IPv6 is turned off on it: an IPv4 VMAC that carries no IPv6 address (keepalived keeps IPv6 only
    /// for IPv6 excluded addresses of an IPv4 instance).
    public var disablesIPv6: Bool

    /// A macvlan from its parts.
    public init(
        name: String, parent: String, hardwareAddress: MACAddress, family: AddressFamily, disablesIPv6: Bool? = nil
    ) {
        self.name = name
        self.parent = parent
        self.hardwareAddress = hardwareAddress
        self.family = family
        self.disablesIPv6 = disablesIPv6 ?? (family == .ipv4)
    }

    /// A macvlan for an instance: the virtual router MAC of its VRID and family.
    public init(
        name: String, parent: String, virtualRouterID: UInt8, family: AddressFamily, disablesIPv6: Bool? = nil
    ) {
        self.init(
            name: name, parent: parent, hardwareAddress: .virtualRouter(virtualRouterID, family: family),
            family: family, disablesIPv6: disablesIPv6)
    }

    /// `vrrp.51 (00:00:5e:00:01:33 on eth0)`.
    public var description: String { "\(name) (\(hardwareAddress) on \(parent))" }

    /// What setting it up found.
    public enum Outcome: Hashable, Sendable {
        /// The macvlan was made.
        case created
        /// A macvlan with that name, parent and MAC was there already (left by a killed run) and is used.
        case reused
        /// A macvlan with that name but another parent or MAC was there; it was deleted and made again.
        case replaced
    }
}

extension VirtualMACInterface {
    /// What holds a macvlan's name in the kernel before the node sets it up.
    public enum Existing: Hashable, Sendable {
        /// No interface has the name.
        case absent
        /// A macvlan with this parent and MAC (left by a killed run): it can be used as it is.
        case matching
        /// A macvlan with another parent or MAC: keepalived deletes and recreates it.
        case otherMacvlan
        /// An interface that is not a macvlan: the name cannot be used.
        case otherInterface
    }
}
