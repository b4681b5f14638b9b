public import VRRPWire

/// One line of `virtual_routes`: a route installed when the instance becomes MASTER and removed when it leaves
/// MASTER (keepalived's `alloc_route` syntax, the core of it).
public struct VirtualRoute: Hashable, Sendable, CustomStringConvertible {
    /// The route type word before the destination.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// A normal route (no type word).
        case unicast
        /// `blackhole`: packets are dropped silently.
        case blackhole
        /// `unreachable`: packets are dropped with host unreachable.
        case unreachable
        /// `prohibit`: packets are dropped with administratively prohibited.
        case prohibit
    }

    /// The address family (from the destination, `default6`, `via inet6`, or the addresses on the line).
    public var family: AddressFamily
    /// The destination network; nil for `default` / `default6`.
    public var destination: IPAddress?
    /// The destination prefix length (0 for the default route).
    public var prefixLength: UInt8
    /// `src`: the preferred source address.
    public var source: IPAddress?
    /// `via` / `gw`: the next hop.
    public var gateway: IPAddress?
    /// `dev`: the output interface.
    public var device: String?
    /// `metric` (also `priority` / `preference`).
    public var metric: UInt32?
    /// `table`: 254 (`main`, the default), 255 (`local`), 253 (`default`) or a number.
    public var table: UInt32 = 254
    /// `scope` as a number (0 global, 200 site, 253 link, 254 host, 255 nowhere); nil chooses as `ip route`.
    public var scope: UInt8?
    /// `proto` as a number; nil is keepalived's own (18).
    public var protocolNumber: UInt8?
    /// The route type.
    public var kind: Kind = .unicast
    /// `onlink`.
    public var onLink: Bool = false
    /// `no_track`: someone else deleting the route does not take the instance out of MASTER.
    public var noTrack: Bool = false
    /// Options keepalived knows that vrrp-swift does not apply (`or`, `nexthop`, `mtu`, …), as written; each was
    /// reported as a warning and the route is installed without them.
    public var unsupportedOptions: [String] = []
    /// Where the line is.
    public var location: SourceLocation?

    /// A route from its parts.
    public init(
        family: AddressFamily, destination: IPAddress? = nil, prefixLength: UInt8? = nil,
        location: SourceLocation? = nil
    ) {
        self.family = family
        self.destination = destination
        self.prefixLength = destination == nil ? 0 : prefixLength ?? (family == .ipv4 ? 32 : 128)
        self.location = location
    }

    /// The line in keepalived syntax (unsupported options included, as written).
    public var description: String {
        var words: [String] = kind == .unicast ? [] : [kind.rawValue]
        if let destination {
            words.append("\(destination)/\(prefixLength)")
        } else {
            words.append(family == .ipv4 ? "default" : "default6")
        }
        if let source { words += ["src", "\(source)"] }
        if let gateway { words += ["via", "\(gateway)"] }
        if let device { words += ["dev", device] }
        if let metric { words += ["metric", "\(metric)"] }
        if table != 254 { words += ["table", "\(table)"] }
        if let scope { words += ["scope", "\(scope)"] }
        if let protocolNumber { words += ["proto", "\(protocolNumber)"] }
        if onLink { words.append("onlink") }
        words += unsupportedOptions
        if noTrack { words.append("no_track") }
        return words.joined(separator: " ")
    }
}
