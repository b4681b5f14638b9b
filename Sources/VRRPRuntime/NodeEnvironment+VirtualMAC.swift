public import VRRPWire

extension NodeEnvironment {
    /// By default announcements leave from the transport's own interface.
    public func makeTransport(
        interface: String,
        family: AddressFamily,
        unicastSource: IPAddress?,
        unicastPeers: [IPAddress],
        announcementInterface: String
    ) throws -> any VRRPTransport {
        try makeTransport(
            interface: interface, family: family, unicastSource: unicastSource, unicastPeers: unicastPeers)
    }
}
