import VRRPSocket
import VRRPWire

extension SendCommand {
    /// Sends the plan's adverts as keepalived's `auth_type AH` does: whole IPv4 packets (IP_HDRINCL) on an IP
    /// protocol 51 socket, Identification and sequence number counting up per round, the ICV keyed with `key`
    /// (TTL left out of it for a unicast destination, as keepalived does with unicast peers).
    func sendAuthenticated(_ plan: Plan, key: [UInt8]) throws {
        guard case .ipv4(let source) = plan.source else { return }
        let socket = try VRRPSocket(
            VRRPSocketConfiguration(
                interface: interface, family: .ipv4, multicastGroups: [], ttl: UInt8(ttl),
                ipProtocol: .authenticationHeader))
        for round in 0..<count {
            if round > 0, plan.spacingNanoseconds > 0 { sleepFor(nanoseconds: plan.spacingNanoseconds) }
            for case .ipv4(let destination) in plan.destinations {
                let packet = try AuthenticationHeader.authenticatedIPv4Packet(
                    plan.advertisement, source: source, destination: destination,
                    identification: UInt16(truncatingIfNeeded: round % 65_535 + 1),
                    sequenceNumber: ahSequence + UInt32(round), key: key, timeToLive: UInt8(ttl),
                    zeroTimeToLiveInICV: !destination.isMulticast)
                try socket.sendIPv4Packet(packet, from: source, to: destination)
            }
        }
    }
}
