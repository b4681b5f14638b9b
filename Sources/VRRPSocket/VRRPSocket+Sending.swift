import CVRRPShim
import Glibc
public import VRRPWire

extension VRRPSocket {
    /// Encodes and sends one advertisement from `source` to `destination` (a group or a unicast peer).
    ///
    /// The source is put in IP_PKTINFO / IPV6_PKTINFO; for IPv4 it is also the pseudo-header source of the
    /// VRRPv3 checksum, so it must be the address the kernel will send from (an address of the interface).
    /// VRRPv2 on an IPv6 socket exists only as keepalived's format, so a nil `checksumVariant` sends that
    /// (``ChecksumVariant/keepalivedVersion2OverIPv6``): the configuration already chose it, with a warning.
    /// - Throws: ``VRRPSocketError`` for an encoding problem (`cause` names the field) or a failed send.
    public func send(
        _ advertisement: Advertisement,
        from source: IPAddress,
        to destination: IPAddress,
        checksumVariant: ChecksumVariant? = nil
    ) throws(VRRPSocketError) {
        let bytes = try encode(advertisement, from: source, to: destination, checksumVariant: checksumVariant)
        try send(bytes: bytes, from: source, to: destination)
    }

    /// Sends one advertisement to each unicast peer with a single sendmmsg() call per 64 peers.
    ///
    /// A checksum with a pseudo-header covers the destination, so the message is encoded once per peer for IPv4
    /// v3 and for IPv6; for IPv4 VRRPv2 one encoding serves all peers.
    public func send(
        _ advertisement: Advertisement,
        from source: IPAddress,
        toEach destinations: [IPAddress],
        checksumVariant: ChecksumVariant? = nil
    ) throws(VRRPSocketError) {
        guard let first = destinations.first else { return }
        let perDestination =
            configuration.family == .ipv6
            || (advertisement.version == .v3 && (checksumVariant ?? .pseudoHeader) == .pseudoHeader)
        if perDestination || destinations.count == 1 {
            for destination in destinations {
                try send(advertisement, from: source, to: destination, checksumVariant: checksumVariant)
            }
            return
        }
        let bytes = try encode(advertisement, from: source, to: first, checksumVariant: checksumVariant)
        var addresses: [UInt8] = []
        for destination in destinations {
            try checkFamily(destination, "send to \(destination)")
            addresses += destination.octets
        }
        let domain = configuration.family == .ipv4 ? AF_INET : AF_INET6
        let length = configuration.family.addressLength
        var offset = 0
        while offset < destinations.count {
            let count = min(64, destinations.count - offset)
            let sent = bytes.withUnsafeBytes { message in
                addresses.withUnsafeBufferPointer { list in
                    source.octets.withUnsafeBufferPointer { sourceBytes in
                        vrrp_shim_send_batch(
                            fileDescriptor, message.baseAddress, message.count, domain,
                            list.baseAddress! + offset * length, UInt32(count), sourceBytes.baseAddress,
                            interfaceIndex)
                    }
                }
            }
            guard sent > 0 else {
                throw sendError(Glibc.errno, from: source, to: destinations[offset])
            }
            offset += Int(sent)
        }
    }

    /// Sends several advertisements (different messages, sources and destinations) with one sendmmsg() call per 64
    /// datagrams: the adverts of many instances that fall due at the same wake-up.
    /// - Returns: the failures, by index in `batch`; a message that fails does not stop the others.
    public func send(_ batch: [OutgoingAdvertisement]) -> [Int: VRRPSocketError] {
        var failures: [Int: VRRPSocketError] = [:]
        var bytes: [UInt8] = []
        var offsets: [Int] = []
        var lengths: [Int] = []
        var destinations: [UInt8] = []
        var sources: [UInt8] = []
        var owners: [(index: Int, destination: IPAddress)] = []
        bytes.reserveCapacity(batch.count * 64)
        for (index, outgoing) in batch.enumerated() {
            do throws(VRRPSocketError) {
                try checkFamily(outgoing.source, "send from \(outgoing.source)")
                for destination in outgoing.destinations {
                    try checkFamily(destination, "send to \(destination)")
                    let message = try encode(
                        outgoing.advertisement, from: outgoing.source, to: destination, checksumVariant: nil)
                    offsets.append(bytes.count)
                    lengths.append(message.count)
                    bytes += message
                    destinations += destination.octets
                    sources += outgoing.source.octets
                    owners.append((index, destination))
                }
            } catch {
                failures[index] = error
            }
        }
        let domain = configuration.family == .ipv4 ? AF_INET : AF_INET6
        let length = configuration.family.addressLength
        var offset = 0
        while offset < owners.count {
            let count = min(64, owners.count - offset)
            let sent = bytes.withUnsafeBytes { message in
                offsets.withUnsafeBufferPointer { offsetList in
                    lengths.withUnsafeBufferPointer { lengthList in
                        destinations.withUnsafeBufferPointer { targets in
                            sources.withUnsafeBufferPointer { from in
                                vrrp_shim_send_messages(
                                    fileDescriptor, message.baseAddress, offsetList.baseAddress! + offset,
                                    lengthList.baseAddress! + offset, UInt32(count), domain,
                                    targets.baseAddress! + offset * length, from.baseAddress! + offset * length,
                                    interfaceIndex)
                            }
                        }
                    }
                }
            }
            if sent > 0 {
                offset += Int(sent)
                continue
            }
            // The datagram at `offset` failed: report it and go on with the next.
            let (owner, destination) = owners[offset]
            failures[owner] = sendError(Glibc.errno, from: batch[owner].source, to: destination)
            offset += 1
        }
        return failures
    }

    /// Sends an already encoded message (the IP payload) from `source` (nil: the kernel chooses) to
    /// `destination`.
    public func send(bytes: [UInt8], from source: IPAddress?, to destination: IPAddress) throws(VRRPSocketError) {
        try checkFamily(destination, "send to \(destination)")
        if let source { try checkFamily(source, "send from \(source)") }
        let domain = configuration.family == .ipv4 ? AF_INET : AF_INET6
        let sourceOctets = source?.octets
        let sent = bytes.withUnsafeBytes { message in
            destination.octets.withUnsafeBufferPointer { target in
                if let sourceOctets {
                    sourceOctets.withUnsafeBufferPointer { from in
                        vrrp_shim_send(
                            fileDescriptor, message.baseAddress, message.count, domain, target.baseAddress,
                            from.baseAddress, interfaceIndex)
                    }
                } else {
                    vrrp_shim_send(
                        fileDescriptor, message.baseAddress, message.count, domain, target.baseAddress, nil,
                        interfaceIndex)
                }
            }
        }
        guard sent >= 0 else {
            throw sendError(Glibc.errno, from: source, to: destination)
        }
    }

    private func encode(
        _ advertisement: Advertisement,
        from source: IPAddress,
        to destination: IPAddress,
        checksumVariant: ChecksumVariant?
    ) throws(VRRPSocketError) -> [UInt8] {
        let endpoints: IPEndpoints
        switch (source, destination) {
        case (.ipv4(let source), .ipv4(let destination)): endpoints = .ipv4(source: source, destination: destination)
        case (.ipv6(let source), .ipv6(let destination)): endpoints = .ipv6(source: source, destination: destination)
        case (.ipv4, .ipv6), (.ipv6, .ipv4):
            throw VRRPSocketError(
                operation: "encode advertisement", interface: configuration.interface, errno: 0,
                cause: "source \(source) and destination \(destination) differ in family")
        }
        let variant =
            checksumVariant
            ?? (advertisement.version == .v2 && endpoints.family == .ipv6 ? .keepalivedVersion2OverIPv6 : nil)
        do {
            return try advertisement.encoded(endpoints: endpoints, checksumVariant: variant)
        } catch {
            throw VRRPSocketError(
                operation: "encode advertisement", interface: configuration.interface, errno: 0,
                cause: error.description)
        }
    }

    /// A send failure, worded for the causes seen on Linux: ENETUNREACH when the interface is down or the
    /// source is not one of its addresses (IPv4), EINVAL when an IPv6 source is not (or not yet) assigned.
    func sendError(_ code: Int32, from source: IPAddress?, to destination: IPAddress) -> VRRPSocketError {
        let name = configuration.interface
        let operation = "send to \(destination)"
        switch code {
        case ENETUNREACH:
            let from = source.map { " from \($0)" } ?? ""
            let check = source.map { "is \(name) up, and is \($0) one of its addresses?" } ?? "is \(name) up?"
            return VRRPSocketError(
                operation: operation, interface: name, errno: code,
                cause: "no route to \(destination)\(from) through \(name) (\(check))")
        case EINVAL where source != nil && configuration.family == .ipv6:
            return VRRPSocketError(
                operation: operation, interface: name, errno: code,
                cause: "the kernel refused source \(source!): not an address of \(name), or still tentative")
        default:
            return VRRPSocketError(operation, interface: name, errno: code)
        }
    }

    /// The operation's name is only built when the check fails (it formats addresses: not once per advert).
    func checkFamily(_ address: IPAddress, _ operation: @autoclosure () -> String) throws(VRRPSocketError) {
        guard address.family == configuration.family else {
            throw VRRPSocketError(
                operation: operation(), interface: configuration.interface, errno: 0,
                cause: "an \(address.family) address on an \(configuration.family) socket")
        }
    }

}
