public import VRRPWire

extension VRRPInstance {
    /// Why an instance that names no `interface` cannot run, as keepalived words it.
    public enum MissingInterface: Hashable, Sendable {
        /// A multicast instance: keepalived refuses the file with `(NAME) Unknown interface!`.
        case multicast
        /// A unicast instance without `unicast_src_ip`: keepalived says `(NAME): Unicast instances must have
        /// unicast_src_ip or interface`.
        case noSourceAddress
        /// An IPv6 unicast instance whose `unicast_src_ip` is link-local: keepalived says `(NAME) Non link-local
        /// address required if interface omitted`.
        case linkLocalSource
    }

    /// Whether the instance names no interface but can run without one: unicast, with a source address that is
    /// not IPv6 link-local (keepalived 2.1.0 and later, but for 2.2.7's regression, issue #2270).
    public var runsWithoutInterface: Bool { interface == nil && missingInterface == nil }

    /// Why the instance cannot run without an interface; nil when it names one or may omit it.
    public var missingInterface: MissingInterface? {
        guard interface == nil else { return nil }
        guard isUnicast else { return .multicast }
        guard let source = sourceAddress else { return .noSourceAddress }
        if case .ipv6(let address) = source, address.isLinkLocal { return .linkLocalSource }
        return nil
    }

    /// The interface vrrpctl runs the instance on: its `interface`, else for a unicast instance that may omit it
    /// the default interface (`default_interface`, else `eth0`), which also takes its virtual addresses without
    /// `dev`; nil when it cannot run (``missingInterface``).
    public func runningInterface(defaultInterface: String) -> String? {
        if let interface { return interface }
        return runsWithoutInterface ? defaultInterface : nil
    }
}
