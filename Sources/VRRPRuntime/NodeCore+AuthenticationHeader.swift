import Logging
import VRRPSocket
import VRRPStateMachine
import VRRPWire

extension NodeCore {
    /// Of the instances an IP protocol 51 packet is addressed to, those whose AH check it passes (keepalived's
    /// `vrrp_in_chk_ipsecah`: the ICV, then SPI = source address, then a sequence number above the last one).
    /// The others count an authentication failure and log why, as keepalived does, and do not see the advert.
    mutating func authenticated(_ packet: ReceivedPacket, targets: [Int]) -> [Int] {
        targets.filter { index in
            let configuration = instances[index].configuration
            let refusal: AuthenticationHeaderSession.Refusal?
            if let bytes = packet.authenticatedIPv4Packet, let key = configuration.authenticationHeaderKey {
                refusal = authenticationSessions.session(for: configuration.name).check(
                    ipv4Packet: bytes, key: key, zeroTimeToLive: !configuration.router.unicastPeers.isEmpty)
            } else {
                refusal = .malformed(WireError(.unsupportedProtocol, "not an IPv4 AH packet, or no AH key"))
            }
            guard let refusal else { return true }
            instances[index].router.recordAuthenticationFailure()
            logger.info("(\(configuration.name)) advert from \(packet.source) dropped: \(refusal)")
            return false
        }
    }

    /// Sends an `auth_type AH` instance's advert as keepalived does: one Identification and sequence number per
    /// advert, the IPv4 header built here so the ICV covers it, one packet per destination (the group, or each
    /// unicast peer with TTL left out of the ICV).
    func sendAuthenticated(
        _ advertisement: Advertisement,
        for index: Int,
        through transport: any VRRPTransport,
        from source: IPAddress,
        to destinations: [IPAddress]
    ) {
        let instance = instances[index]
        let name = instance.configuration.name
        guard case .ipv4(let from) = source, let key = instance.configuration.authenticationHeaderKey else {
            logger.warning("(\(name)) cannot send an AH advert: AH needs IPv4 and an auth_pass")
            return
        }
        let session = authenticationSessions.session(for: name)
        let next = session.nextOutgoing(asMaster: instance.router.state == .master)
        let unicast = !instance.configuration.router.unicastPeers.isEmpty
        for destination in destinations {
            guard case .ipv4(let to) = destination else { continue }
            do {
                let packet = try AuthenticationHeader.authenticatedIPv4Packet(
                    advertisement, source: from, destination: to, identification: next.identification,
                    sequenceNumber: next.sequenceNumber, key: key, zeroTimeToLiveInICV: unicast)
                try transport.sendIPv4Packet(packet, from: from, to: to)
            } catch {
                logger.warning("(\(name)) cannot send advert to \(destination): \(error)")
            }
        }
    }
}

extension NodeCore.TransportKey {
    /// The transport an instance needs: its interface and family, its unicast settings, and whether it uses AH.
    init(_ instance: NodeConfiguration.Instance) {
        self.init(
            interface: instance.interface, family: instance.router.family, unicastSource: instance.unicastSource,
            unicastPeers: instance.router.unicastPeers,
            authenticationHeader: instance.router.authentication == .ipAuthenticationHeader)
    }
}

extension NodeCore {
    /// After a reload changed what transport a kept instance needs (`auth_type AH` on or off, unicast peers or
    /// source), moves it to that transport, opening it if needed.
    mutating func retarget(_ index: Int) {
        let key = Self.transportKey(for: instances[index].configuration, virtualMAC: instances[index].virtualMAC)
        guard key != instances[index].transportKey else { return }
        instances[index].transportKey = key
        do {
            try ensureTransport(key)
        } catch {
            logger.error("(\(instances[index].configuration.name)) cannot open its socket after the reload: \(error)")
        }
    }
}
