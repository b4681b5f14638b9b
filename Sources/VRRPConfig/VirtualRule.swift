public import VRRPWire

/// One line of `virtual_rules`: a policy routing rule (`lookup TABLE`) installed when the instance becomes MASTER
/// and removed when it leaves MASTER (keepalived's `alloc_rule` syntax, the core of it).
public struct VirtualRule: Hashable, Sendable, CustomStringConvertible {
    /// The address family (from the addresses on the line, or `inet6`).
    public var family: AddressFamily
    /// `from`: the source address; nil for `all` or none.
    public var source: IPAddress?
    /// The source prefix length.
    public var sourcePrefixLength: UInt8 = 0
    /// `to`: the destination address; nil for `all` or none.
    public var destination: IPAddress?
    /// The destination prefix length.
    public var destinationPrefixLength: UInt8 = 0
    /// `table` / `lookup`: the table to look up (254 `main` by default).
    public var table: UInt32 = 254
    /// `priority` / `preference` / `pref`; nil when not written (keepalived then numbers the rule itself).
    public var priority: UInt32?
    /// `iif`.
    public var inputInterface: String?
    /// `oif`.
    public var outputInterface: String?
    /// `fwmark MARK[/MASK]`.
    public var firewallMark: UInt32?
    /// The mask of `fwmark`, when written.
    public var firewallMask: UInt32?
    /// `no_track`.
    public var noTrack: Bool = false
    /// Options keepalived knows that vrrp-swift does not apply, as written; each was reported as a warning.
    public var unsupportedOptions: [String] = []
    /// Where the line is.
    public var location: SourceLocation?

    /// A rule of `family` matching everything, looking up the main table.
    public init(family: AddressFamily, location: SourceLocation? = nil) {
        self.family = family
        self.location = location
    }

    /// The line in keepalived syntax (unsupported options included, as written).
    public var description: String {
        var words: [String] = []
        if let source { words += ["from", "\(source)/\(sourcePrefixLength)"] }
        if let destination { words += ["to", "\(destination)/\(destinationPrefixLength)"] }
        if let inputInterface { words += ["iif", inputInterface] }
        if let outputInterface { words += ["oif", outputInterface] }
        if let firewallMark { words += ["fwmark", firewallMask.map { "\(firewallMark)/\($0)" } ?? "\(firewallMark)"] }
        words += ["table", "\(table)"]
        if let priority { words += ["priority", "\(priority)"] }
        words += unsupportedOptions
        if noTrack { words.append("no_track") }
        return words.joined(separator: " ")
    }
}
