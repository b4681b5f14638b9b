/// `use_vmac [NAME]`: the instance runs on a macvlan interface carrying the virtual router MAC address.
public struct VMACSetting: Hashable, Sendable {
    /// The macvlan's name; `nil` lets keepalived choose (`vrrp.VRID`).
    public var interfaceName: String?

    /// A setting with an optional name.
    public init(interfaceName: String? = nil) { self.interfaceName = interfaceName }
}
