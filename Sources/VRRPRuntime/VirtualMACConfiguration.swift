public import VRRPWire

/// keepalived's `use_vmac [NAME]` and `vmac_xmit_base` for one instance: the instance runs on a macvlan of its
/// interface that carries the virtual router MAC (00:00:5e:00:01:VRID for IPv4, 00:00:5e:00:02:VRID for IPv6,
/// RFC 5798 §7.3), so hosts' neighbour entries for the virtual addresses never change on a failover.
///
/// As keepalived 2.2.7 does it: the macvlan is created at startup in `private` mode, up in every state; the
/// virtual addresses without a `dev` of their own go on it; adverts are sent and received on it (from the base
/// interface's primary IPv4 address, or its IPv6 link-local address copied onto the macvlan) unless
/// ``transmitOnBase``; gratuitous ARP / unsolicited NA always leave from it with the virtual MAC. The node
/// deletes it on a graceful stop and reuses one left by a killed run.
public struct VirtualMACConfiguration: Hashable, Sendable {
    /// The macvlan's name; nil lets the node choose as keepalived does (`vrrp.VRID`, then `vrrp6.VRID` for IPv6).
    public var interfaceName: String?
    /// keepalived `vmac_xmit_base`: send and receive adverts on the base interface with its own MAC (the VIPs
    /// and the announcements stay on the macvlan).
    public var transmitOnBase: Bool
    /// The macvlan's MAC address; nil is the virtual router MAC of the instance's VRID and family.
    public var hardwareAddress: MACAddress?

    /// A setting from its parts.
    public init(interfaceName: String? = nil, transmitOnBase: Bool = false, hardwareAddress: MACAddress? = nil) {
        self.interfaceName = interfaceName
        self.transmitOnBase = transmitOnBase
        self.hardwareAddress = hardwareAddress
    }
}
