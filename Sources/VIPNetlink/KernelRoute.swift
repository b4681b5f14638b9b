public import VRRPWire

/// A route as the kernel takes it (RTM_NEWROUTE / RTM_DELROUTE): keepalived's `virtual_routes` line in typed
/// form. A nil destination is the default route of `family`.
public struct KernelRoute: Hashable, Sendable, CustomStringConvertible {
    /// The route type (`rtm_type`).
    public enum Kind: UInt8, Hashable, Sendable {
        /// RTN_UNICAST: a normal route.
        case unicast = 1
        /// RTN_BLACKHOLE: packets are dropped silently.
        case blackhole = 6
        /// RTN_UNREACHABLE: packets are dropped with host unreachable.
        case unreachable = 7
        /// RTN_PROHIBIT: packets are dropped with administratively prohibited.
        case prohibit = 8
    }

    /// The address family.
    public var family: AddressFamily
    /// The destination network; nil for `default`.
    public var destination: IPAddress?
    /// The destination prefix length (0 for `default`).
    public var prefixLength: UInt8
    /// `src`: the preferred source address (RTA_PREFSRC).
    public var source: IPAddress?
    /// `via` / `gw`: the next hop (RTA_GATEWAY).
    public var gateway: IPAddress?
    /// `dev`: the output interface.
    public var device: String?
    /// `metric`: the route priority (RTA_PRIORITY); nil leaves the kernel's default.
    public var metric: UInt32?
    /// `table`: the routing table (254 main, 255 local).
    public var table: UInt32
    /// `scope`: nil is global, as keepalived leaves it.
    public var scope: UInt8?
    /// `proto`: the route protocol (`rtm_protocol`).
    public var protocolNumber: UInt8
    /// The route type.
    public var kind: Kind
    /// `onlink`: the gateway is on the link even without a matching prefix (RTNH_F_ONLINK).
    public var onLink: Bool

    /// keepalived's route protocol number, RTPROT_KEEPALIVED.
    public static let keepalivedProtocol: UInt8 = 18

    /// A route from its parts.
    public init(
        family: AddressFamily,
        destination: IPAddress?,
        prefixLength: UInt8,
        source: IPAddress? = nil,
        gateway: IPAddress? = nil,
        device: String? = nil,
        metric: UInt32? = nil,
        table: UInt32 = 254,
        scope: UInt8? = nil,
        protocolNumber: UInt8 = KernelRoute.keepalivedProtocol,
        kind: Kind = .unicast,
        onLink: Bool = false
    ) {
        self.family = family
        self.destination = destination
        self.prefixLength = destination == nil ? 0 : prefixLength
        self.source = source
        self.gateway = gateway
        self.device = device
        self.metric = metric
        self.table = table
        self.scope = scope
        self.protocolNumber = protocolNumber
        self.kind = kind
        self.onLink = onLink
    }

    /// The scope sent to the kernel: the explicit one, else RT_SCOPE_UNIVERSE (0) for every route, as keepalived
    /// 2.2.7 installs them (seen: `192.0.2.192/26 dev eth0` becomes `scope global`, where `ip route add` would
    /// choose link), so that a node migrated from keepalived shows the same routing table.
    public var effectiveScope: UInt8 { scope ?? 0 }

    /// The route in `ip route` syntax.
    public var description: String {
        var words: [String] = []
        switch kind {
        case .unicast: break
        case .blackhole: words.append("blackhole")
        case .unreachable: words.append("unreachable")
        case .prohibit: words.append("prohibit")
        }
        words.append(destination.map { "\($0)/\(prefixLength)" } ?? "default")
        if let source { words += ["src", "\(source)"] }
        if let gateway { words += ["via", "\(gateway)"] }
        if let device { words += ["dev", device] }
        if let metric { words += ["metric", "\(metric)"] }
        if table != 254 { words += ["table", "\(table)"] }
        if let scope { words += ["scope", "\(scope)"] }
        if protocolNumber != Self.keepalivedProtocol { words += ["proto", "\(protocolNumber)"] }
        if onLink { words.append("onlink") }
        return words.joined(separator: " ")
    }
}
