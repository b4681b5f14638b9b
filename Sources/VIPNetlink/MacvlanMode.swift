/// A macvlan mode (MACVLAN_MODE_* in <linux/if_link.h>).
public struct MacvlanMode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The MACVLAN_MODE_* bit.
    public var rawValue: UInt32
    /// A mode from its value.
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    /// 1, private: no traffic between macvlans of one parent (keepalived's default for `use_vmac`).
    public static let `private` = MacvlanMode(rawValue: 1)
    /// 2, VEPA.
    public static let vepa = MacvlanMode(rawValue: 2)
    /// 4, bridge: macvlans of one parent reach each other directly (FRR's choice, keepalived optional).
    public static let bridge = MacvlanMode(rawValue: 4)
    /// 8, passthru.
    public static let passthru = MacvlanMode(rawValue: 8)
    /// `private`, `vepa`, `bridge`, `passthru` or the number.
    public var description: String {
        switch rawValue {
        case 1: "private"
        case 2: "vepa"
        case 4: "bridge"
        case 8: "passthru"
        case 16: "source"
        default: "mode \(rawValue)"
        }
    }
}
