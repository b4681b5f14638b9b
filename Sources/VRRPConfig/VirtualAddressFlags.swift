/// The bare-word options of a virtual address line.
public struct VirtualAddressFlags: OptionSet, Hashable, Sendable {
    /// The bits.
    public var rawValue: UInt16

    /// Flags from their bits.
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// `no_track`: the address's interface going down does not fault the instance.
    public static let noTrack = VirtualAddressFlags(rawValue: 1 << 0)
    /// `nodad`: skip IPv6 duplicate address detection.
    public static let noDAD = VirtualAddressFlags(rawValue: 1 << 1)
    /// `noprefixroute`: do not add the prefix route.
    public static let noPrefixRoute = VirtualAddressFlags(rawValue: 1 << 2)
    /// `home`: IPv6 home address.
    public static let homeAddress = VirtualAddressFlags(rawValue: 1 << 3)
    /// `autojoin`: join the multicast group of a multicast address.
    public static let autoJoin = VirtualAddressFlags(rawValue: 1 << 4)
    /// `mngtmpaddr`: manage temporary addresses from this one.
    public static let manageTemporaryAddress = VirtualAddressFlags(rawValue: 1 << 5)

    /// `use_vmac`: put this address on the virtual-MAC interface (keepalived 2.2).
    public static let useVMAC = VirtualAddressFlags(rawValue: 1 << 6)

    /// Each flag with its keyword.
    public static let words: [(VirtualAddressFlags, String)] = [
        (.noTrack, "no_track"), (.noDAD, "nodad"), (.noPrefixRoute, "noprefixroute"), (.homeAddress, "home"),
        (.autoJoin, "autojoin"), (.manageTemporaryAddress, "mngtmpaddr"), (.useVMAC, "use_vmac"),
    ]
}
