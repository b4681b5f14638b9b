import CVRRPShim
import Glibc
import Synchronization
import VRRPWire

extension VRRPSocket {
    /// The largest datagram read: for IPv4 the IP header (≤ 60), an AH header and a VRRPv2 message with 255
    /// addresses fit in 1,536 octets; for IPv6 (payload only) 8 + 255 × 16 = 4,088 octets fit in 4,096. Longer
    /// datagrams cannot be VRRP and are skipped.
    static func receiveBufferLength(_ family: AddressFamily) -> Int {
        switch family {
        case .ipv4: 1536
        case .ipv6: 4096
        }
    }

    /// Takes the next packet from the socket, or nil when none is queued.
    ///
    /// Packets that cannot be VRRP over this socket (a truncated IPv4 header, an AH header that runs past the
    /// packet, a source outside ``VRRPSocketConfiguration/acceptedSources``, another interface, longer than any
    /// VRRP message) are skipped and counted in ``skippedPacketCount``; the next queued packet is returned
    /// instead. One recvmsg() per packet.
    public func receive() throws(VRRPSocketError) -> ReceivedPacket? {
        var buffer = [UInt8](repeating: 0, count: Self.receiveBufferLength(configuration.family))
        while true {
            var info = vrrp_shim_recv_info()
            let length = buffer.withUnsafeMutableBytes {
                vrrp_shim_recv(fileDescriptor, $0.baseAddress, $0.count, &info)
            }
            if length < 0 {
                let code = Glibc.errno
                if code == EAGAIN || code == EWOULDBLOCK { return nil }
                if code == EINTR { continue }
                throw VRRPSocketError("receive", interface: configuration.interface, errno: code)
            }
            if let packet = parse(buffer[0..<length], info: info) { return packet }
            skipped.add(1, ordering: .relaxed)
        }
    }

    /// Takes up to `maximum` (at most 64) queued packets with one recvmmsg() call: fewer when fewer are
    /// queued, empty when none. Skipped packets count toward the maximum. The receive buffers are kept by the
    /// socket between calls.
    public func receiveBatch(maximum: Int = 64) throws(VRRPSocketError) -> [ReceivedPacket] {
        var packets: [ReceivedPacket] = []
        _ = try receiveBatch(maximum: maximum, into: &packets)
        return packets
    }

    /// Appends up to `maximum` (at most 64) queued packets to `packets` with one recvmmsg() call and returns how
    /// many datagrams the kernel handed over, skipped ones included: fewer than asked means the queue was empty
    /// when the call returned, so the caller need not ask again (and pay a call that fails with EAGAIN).
    public func receiveBatch(
        maximum: Int = 64,
        into packets: inout [ReceivedPacket]
    ) throws(VRRPSocketError) -> Int {
        let count = max(1, min(ReceiveScratch.capacity, maximum))
        let slot = Self.receiveBufferLength(configuration.family)
        let result: Result<Int, VRRPSocketError> = scratch.withLock { scratch in
            if scratch.buffers.count != slot * ReceiveScratch.capacity {
                scratch.buffers = [UInt8](repeating: 0, count: slot * ReceiveScratch.capacity)
            }
            while true {
                let received = scratch.buffers.withUnsafeMutableBytes { bytes in
                    scratch.lengths.withUnsafeMutableBufferPointer { lengths in
                        scratch.infos.withUnsafeMutableBufferPointer { infos in
                            vrrp_shim_recv_batch(
                                fileDescriptor, bytes.baseAddress, slot, UInt32(count), lengths.baseAddress,
                                infos.baseAddress)
                        }
                    }
                }
                if received < 0 {
                    let code = Glibc.errno
                    if code == EAGAIN || code == EWOULDBLOCK { return .success(0) }
                    if code == EINTR { continue }
                    return .failure(VRRPSocketError("receive", interface: configuration.interface, errno: code))
                }
                for index in 0..<Int(received) {
                    let start = index * slot
                    let bytes = scratch.buffers[start..<start + scratch.lengths[index]]
                    if let packet = parse(bytes, info: scratch.infos[index]) {
                        packets.append(packet)
                    } else {
                        skipped.add(1, ordering: .relaxed)
                    }
                }
                return .success(Int(received))
            }
        }
        return try result.get()
    }

    /// Turns one datagram into a packet, or nil when it must be skipped.
    func parse(_ bytes: ArraySlice<UInt8>, info: vrrp_shim_recv_info) -> ReceivedPacket? {
        guard info.truncated == 0 else { return nil }
        if info.ifindex != 0, info.ifindex != interfaceIndex { return nil }
        var packet: ReceivedPacket
        let arrivedOn = info.ifindex == 0 ? interfaceIndex : info.ifindex
        switch configuration.family {
        case .ipv4:
            guard let parsed = Self.parseIPv4Datagram(bytes, interfaceIndex: arrivedOn) else { return nil }
            packet = parsed
        case .ipv6:
            guard info.family == AF_INET6, info.ttl >= 0 else { return nil }
            let source = withUnsafeBytes(of: info.source) { IPv6Address(octets: $0) }
            let destination = withUnsafeBytes(of: info.destination) { IPv6Address(octets: $0) }
            packet = ReceivedPacket(
                source: .ipv6(source), destination: .ipv6(destination), ttl: UInt8(clamping: info.ttl),
                interfaceIndex: arrivedOn, ipProtocol: configuration.ipProtocol, payload: Array(bytes))
        }
        if packet.ipProtocol == .authenticationHeader {
            guard Self.stripAuthenticationHeader(&packet) else { return nil }
        }
        if let accepted = configuration.acceptedSources, !accepted.contains(packet.source) { return nil }
        packet.arrival = info.arrival == 0 ? nil : info.arrival
        return packet
    }
}

extension VRRPSocket {
    /// Parses what an IPv4 raw socket delivers: the IP header (source, destination, TTL, protocol) and the
    /// payload after it. Nil when the header is not a well-formed IPv4 header.
    package static func parseIPv4Datagram(_ bytes: ArraySlice<UInt8>, interfaceIndex: Int32) -> ReceivedPacket? {
        guard bytes.count >= 20 else { return nil }
        let base = bytes.startIndex
        let headerLength = Int(bytes[base] & 0x0F) * 4
        guard bytes[base] >> 4 == 4, headerLength >= 20, bytes.count >= headerLength else { return nil }
        let totalLength = Int(bytes[base + 2]) << 8 | Int(bytes[base + 3])
        // The kernel hands over the whole datagram; trust the shorter of what arrived and what the header says.
        let end = totalLength >= headerLength ? min(bytes.count, totalLength) : bytes.count
        let source = IPv4Address(bytes[base + 12], bytes[base + 13], bytes[base + 14], bytes[base + 15])
        let destination = IPv4Address(bytes[base + 16], bytes[base + 17], bytes[base + 18], bytes[base + 19])
        let ipProtocol = IPProtocol(rawValue: bytes[base + 9])
        return ReceivedPacket(
            source: .ipv4(source), destination: .ipv4(destination), ttl: bytes[base + 8],
            interfaceIndex: interfaceIndex, ipProtocol: ipProtocol,
            payload: Array(bytes[(base + headerLength)..<(base + end)]),
            ipHeader: ipProtocol == .authenticationHeader ? Array(bytes[base..<(base + headerLength)]) : [])
    }

    /// Moves an RFC 4302 Authentication Header from the payload to ``ReceivedPacket/authenticationHeader``.
    /// Returns false when the header is short, runs past the packet, or is not followed by VRRP.
    package static func stripAuthenticationHeader(_ packet: inout ReceivedPacket) -> Bool {
        // RFC 4302 §2.2: Payload Len is the AH length in 32-bit words minus 2; the fixed part is 12 octets.
        guard packet.payload.count >= 12 else { return false }
        let length = (Int(packet.payload[1]) + 2) * 4
        guard length >= 12, packet.payload.count >= length, packet.payload[0] == IPProtocol.vrrp.rawValue else {
            return false
        }
        packet.authenticationHeader = Array(packet.payload[..<length])
        packet.payload = Array(packet.payload[length...])
        return true
    }
}
