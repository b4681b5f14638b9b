public import VRRPWire

/// A policy routing rule as the kernel takes it (RTM_NEWRULE / RTM_DELRULE): keepalived's `virtual_rules` line
/// in typed form, with the `lookup TABLE` action.
public struct KernelRule: Hashable, Sendable, CustomStringConvertible {
    /// The address family.
    public var family: AddressFamily
    /// `from`: the source prefix; nil matches all.
    public var source: (address: IPAddress, prefixLength: UInt8)?
    /// `to`: the destination prefix; nil matches all.
    public var destination: (address: IPAddress, prefixLength: UInt8)?
    /// `table` / `lookup`: the table to look up (254 main).
    public var table: UInt32
    /// `priority` / `preference` / `pref`; nil lets the kernel choose.
    public var priority: UInt32?
    /// `iif`: the input interface.
    public var inputInterface: String?
    /// `oif`: the output interface.
    public var outputInterface: String?
    /// `fwmark`: the firewall mark and its mask (nil mask: all bits).
    public var firewallMark: (mark: UInt32, mask: UInt32?)?

    /// A rule from its parts.
    public init(
        family: AddressFamily,
        source: (address: IPAddress, prefixLength: UInt8)? = nil,
        destination: (address: IPAddress, prefixLength: UInt8)? = nil,
        table: UInt32 = 254,
        priority: UInt32? = nil,
        inputInterface: String? = nil,
        outputInterface: String? = nil,
        firewallMark: (mark: UInt32, mask: UInt32?)? = nil
    ) {
        self.family = family
        self.source = source
        self.destination = destination
        self.table = table
        self.priority = priority
        self.inputInterface = inputInterface
        self.outputInterface = outputInterface
        self.firewallMark = firewallMark
    }

    /// The rule in `ip rule` syntax.
    public var description: String {
        var words: [String] = []
        if let priority { words += ["pref", "\(priority)"] }
        if let source { words += ["from", "\(source.address)/\(source.prefixLength)"] }
        if let destination { words += ["to", "\(destination.address)/\(destination.prefixLength)"] }
        if let inputInterface { words += ["iif", inputInterface] }
        if let outputInterface { words += ["oif", outputInterface] }
        if let firewallMark {
            words += ["fwmark", firewallMark.mask.map { "\(firewallMark.mark)/\($0)" } ?? "\(firewallMark.mark)"]
        }
        words += ["lookup", "\(table)"]
        return words.joined(separator: " ")
    }

    /// Equal when every field is.
    public static func == (a: KernelRule, b: KernelRule) -> Bool {
        a.family == b.family && a.source?.address == b.source?.address
            && a.source?.prefixLength == b.source?.prefixLength && a.destination?.address == b.destination?.address
            && a.destination?.prefixLength == b.destination?.prefixLength && a.table == b.table
            && a.priority == b.priority && a.inputInterface == b.inputInterface
            && a.outputInterface == b.outputInterface && a.firewallMark?.mark == b.firewallMark?.mark
            && a.firewallMark?.mask == b.firewallMark?.mask
    }

    /// Hashes every field.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(description)
        hasher.combine(family == .ipv4)
    }
}
