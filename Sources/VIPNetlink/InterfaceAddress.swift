public import VRRPWire

/// An address on an interface (RTM_NEWADDR): what VIPNetlink adds, deletes, lists and reports in events.
public struct InterfaceAddress: Hashable, Sendable, CustomStringConvertible {
    /// The interface index.
    public var interfaceIndex: Int32
    /// The address (IFA_LOCAL for IPv4, IFA_ADDRESS for IPv6).
    public var address: IPAddress
    /// The prefix length, 0–32 or 0–128.
    public var prefixLength: UInt8
    /// The IPv4 label (IFA_LABEL); VIPNetlink requires the interface name as its prefix. nil for none / IPv6.
    public var label: String?
    /// The scope.
    public var scope: AddressScope
    /// The IPv4 broadcast address (IFA_BROADCAST), when set.
    public var broadcast: IPv4Address?
    /// The IFA_F_* flags (IFA_FLAGS), e.g. 0x02 no-DAD, 0x40 tentative, 0x01 secondary.
    public var flags: UInt32

    /// An address from its fields.
    public init(
        interfaceIndex: Int32,
        address: IPAddress,
        prefixLength: UInt8,
        label: String? = nil,
        scope: AddressScope = .universe,
        broadcast: IPv4Address? = nil,
        flags: UInt32 = 0
    ) {
        self.interfaceIndex = interfaceIndex
        self.address = address
        self.prefixLength = prefixLength
        self.label = label
        self.scope = scope
        self.broadcast = broadcast
        self.flags = flags
    }

    /// IFA_F_NODAD: IPv6 duplicate address detection skipped.
    public var isNoDAD: Bool { flags & 0x02 != 0 }
    /// IFA_F_SECONDARY: not the primary address of its subnet.
    public var isSecondary: Bool { flags & 0x01 != 0 }
    /// IFA_F_TENTATIVE: IPv6 DAD still running.
    public var isTentative: Bool { flags & 0x40 != 0 }

    /// `192.0.2.100/24` with the interface index.
    public var description: String { "\(address)/\(prefixLength) on #\(interfaceIndex)" }
}

/// An address scope (RT_SCOPE_* in <linux/rtnetlink.h>).
public struct AddressScope: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The RT_SCOPE_* value.
    public var rawValue: UInt8
    /// A scope from its value.
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// 0, global.
    public static let universe = AddressScope(rawValue: 0)
    /// 200, site.
    public static let site = AddressScope(rawValue: 200)
    /// 253, link.
    public static let link = AddressScope(rawValue: 253)
    /// 254, host.
    public static let host = AddressScope(rawValue: 254)
    /// `global`, `site`, `link`, `host` or the number.
    public var description: String {
        switch rawValue {
        case 0: "global"
        case 200: "site"
        case 253: "link"
        case 254: "host"
        default: "scope \(rawValue)"
        }
    }
}
