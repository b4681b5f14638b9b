public import VRRPWire

/// One line of `virtual_ipaddress` / `virtual_ipaddress_excluded`:
/// `IP[/len] [brd IP] [dev IF] [scope S] [label L] [no_track] [nodad] [noprefixroute] [home] [autojoin]`.
public struct VirtualAddress: Hashable, Sendable, CustomStringConvertible {
    /// The address.
    public var address: IPAddress
    /// The prefix length (default 32 for IPv4, 128 for IPv6, like keepalived).
    public var prefixLength: UInt8
    /// `brd` (IPv4 only).
    public var broadcast: IPv4Address?
    /// `dev`: the interface to put the address on; `nil` means the instance's interface.
    public var device: String?
    /// `scope` (`global`, `site`, `link`, `host`, `nowhere` or a number).
    public var scope: String?
    /// `label` (IPv4 only).
    public var label: String?
    /// The flags written on the line.
    public var flags: VirtualAddressFlags
    /// Where the line is.
    public var location: SourceLocation?

    /// A virtual address from its parts.
    public init(
        address: IPAddress, prefixLength: UInt8? = nil, broadcast: IPv4Address? = nil, device: String? = nil,
        scope: String? = nil, label: String? = nil, flags: VirtualAddressFlags = [], location: SourceLocation? = nil
    ) {
        self.address = address
        self.prefixLength = prefixLength ?? (address.family == .ipv4 ? 32 : 128)
        self.broadcast = broadcast
        self.device = device
        self.scope = scope
        self.label = label
        self.flags = flags
        self.location = location
    }

    /// The line in keepalived syntax.
    public var description: String {
        var text = "\(address)/\(prefixLength)"
        if let broadcast { text += " brd \(broadcast)" }
        if let device { text += " dev \(device)" }
        if let scope { text += " scope \(scope)" }
        if let label { text += " label \(label)" }
        for (flag, word) in VirtualAddressFlags.words where flags.contains(flag) { text += " \(word)" }
        return text
    }
}
