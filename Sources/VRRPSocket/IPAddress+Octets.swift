import VRRPWire

extension IPAddress {
    /// The address in network order: 4 or 16 octets.
    var octets: [UInt8] {
        switch self {
        case .ipv4(let address): address.octets
        case .ipv6(let address): address.octets
        }
    }
}
