/// `use_vmac [NAME] [MAC]`: the instance runs on a macvlan interface carrying the virtual router MAC address.
public struct VMACSetting: Hashable, Sendable {
    /// The macvlan's name; `nil` lets keepalived choose (`vrrp.VRID`).
    public var interfaceName: String?
    /// The MAC address given in place of the virtual router MAC: six octets, or five to which the VRID is added
    /// as the sixth (keepalived 2.2.7). `nil` means 00:00:5e:00:01:VRID (IPv4) or 00:00:5e:00:02:VRID (IPv6).
    public var hardwareAddressOctets: [UInt8]?

    /// A setting with an optional name and MAC address.
    public init(interfaceName: String? = nil, hardwareAddressOctets: [UInt8]? = nil) {
        self.interfaceName = interfaceName
        self.hardwareAddressOctets = hardwareAddressOctets
    }
}
