public import VRRPWire

extension VRRPTransport {
    /// Transports that cannot send whole IPv4 packets refuse.
    public func sendIPv4Packet(_ packet: [UInt8], from source: IPv4Address, to destination: IPv4Address) throws {
        throw RuntimeError(
            operation: "send an AH advert from \(source) to \(destination)",
            cause: "this transport cannot send whole IPv4 packets (auth_type AH)")
    }
}

extension NodeEnvironment {
    /// Environments without AH transports refuse `auth_type AH` instances.
    public func makeAuthenticationHeaderTransport(
        interface: String,
        unicastSource: IPAddress?,
        unicastPeers: [IPAddress],
        announcementInterface: String?
    ) throws -> any VRRPTransport {
        throw RuntimeError(
            operation: "open an AH transport on \(interface)", cause: "this environment has no auth_type AH support")
    }
}
