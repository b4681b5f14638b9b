/// An IEEE 802.1Q tag: the 4 octets after the source MAC address when the type field is 0x8100 (or 0x88A8).
public struct VLANTag: Hashable, Sendable {
    /// The tag protocol identifier, ``EtherType/vlan`` or ``EtherType/serviceVLAN``.
    public var tagProtocol: EtherType
    /// The 3-bit priority code point.
    public var priority: UInt8
    /// The drop eligible indicator.
    public var dropEligible: Bool
    /// The 12-bit VLAN identifier.
    public var vlanID: UInt16

    /// A tag from its fields; `priority` keeps 3 bits and `vlanID` 12.
    public init(vlanID: UInt16, priority: UInt8 = 0, dropEligible: Bool = false, tagProtocol: EtherType = .vlan) {
        self.tagProtocol = tagProtocol
        self.priority = priority & 0x07
        self.dropEligible = dropEligible
        self.vlanID = vlanID & 0x0FFF
    }

    /// The tag control information word.
    @inlinable
    public var controlInformation: UInt16 {
        UInt16(priority & 0x07) << 13 | (dropEligible ? 1 << 12 : 0) | (vlanID & 0x0FFF)
    }

    /// The tag from its tag control information word.
    @inlinable
    public init(controlInformation: UInt16, tagProtocol: EtherType = .vlan) {
        self.tagProtocol = tagProtocol
        self.priority = UInt8(truncatingIfNeeded: controlInformation >> 13)
        self.dropEligible = controlInformation & 0x1000 != 0
        self.vlanID = controlInformation & 0x0FFF
    }
}
