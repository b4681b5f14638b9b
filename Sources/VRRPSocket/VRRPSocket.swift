import CVRRPShim
import Glibc
import Synchronization
import VRRPWire

/// A raw IP protocol 112 socket for one interface and one address family, made for one event loop.
///
/// The socket is non-blocking and close-on-exec; the runtime polls ``fileDescriptor`` for readability and calls
/// ``receive()`` until it returns nil. It is bound to its interface (SO_BINDTODEVICE), joins the configured
/// multicast groups there by index, sends with TTL / hop limit 255 and traffic class 0xC0, and does not loop its
/// own multicast back. IPv4 receives IP_PKTINFO and the IP header (for TTL and addresses); IPv6 receives
/// IPV6_PKTINFO and IPV6_HOPLIMIT, and the kernel fills and verifies the checksum (IPV6_CHECKSUM offset 6), so a
/// VRRPv3 IPv6 packet with a bad checksum is dropped by the kernel before it reaches us. IPv4 VRRPv3 checksums
/// are computed by VRRPWire over the pseudo-header, which is why sending takes the source address.
///
/// The descriptor is closed when the last reference to the socket goes away.
public final class VRRPSocket: Sendable {
    /// The configuration the socket was opened with.
    public let configuration: VRRPSocketConfiguration
    /// The index of the bound interface, resolved when the socket was opened.
    public let interfaceIndex: Int32
    private let owned: OwnedDescriptor
    /// recvmmsg() buffers, kept between batches.
    let scratch = Mutex(ReceiveScratch())
    /// Datagrams dropped because they cannot be VRRP for this socket.
    let skipped = Atomic<Int>(0)

    /// How many received datagrams were skipped: malformed IP headers, AH headers that run past the packet,
    /// sources outside ``VRRPSocketConfiguration/acceptedSources``, datagrams longer than any VRRP message.
    public var skippedPacketCount: Int { skipped.load(ordering: .relaxed) }

    /// The descriptor to poll for readability (owned by the socket; do not close it).
    public var fileDescriptor: Int32 { owned.rawValue }

    /// Opens and configures the socket in the calling thread's network namespace.
    /// - Throws: ``VRRPSocketError`` naming the failed step: `needs CAP_NET_RAW` without the capability,
    ///   `no interface named …` for a missing interface.
    public init(_ configuration: VRRPSocketConfiguration) throws(VRRPSocketError) {
        self.configuration = configuration
        let name = configuration.interface
        guard !name.isEmpty, name.utf8.count < Int(IF_NAMESIZE), !name.utf8.contains(UInt8(ascii: "/")) else {
            throw VRRPSocketError(
                operation: "open VRRP socket", interface: name, errno: 0,
                cause: "\"\(name)\" is not a valid interface name (1–15 octets, no '/')")
        }
        let domain = configuration.family == .ipv4 ? AF_INET : AF_INET6
        let familyName = configuration.family == .ipv4 ? "IPv4" : "IPv6"
        let kind = configuration.ipProtocol == .vrrp ? "VRRP" : "AH"
        let raw = socket(
            domain, Int32(SOCK_RAW.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue),
            Int32(configuration.ipProtocol.rawValue))
        guard raw >= 0 else {
            throw VRRPSocketError("open raw \(familyName) \(kind) socket", interface: name, errno: Glibc.errno)
        }
        owned = OwnedDescriptor(raw)
        let index = if_nametoindex(name)
        guard index != 0 else {
            throw VRRPSocketError("look up interface", interface: name, errno: Glibc.errno == 0 ? ENODEV : Glibc.errno)
        }
        interfaceIndex = Int32(index)
        try configure()
    }

    private func configure() throws(VRRPSocketError) {
        let fd = owned.rawValue
        let name = configuration.interface
        var nameBytes = Array(name.utf8)
        nameBytes.append(0)
        guard setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, nameBytes, socklen_t(nameBytes.count)) == 0 else {
            throw VRRPSocketError("bind to device (SO_BINDTODEVICE)", interface: name, errno: Glibc.errno)
        }
        if let size = configuration.receiveBufferSize {
            try setOption(SOL_SOCKET, SO_RCVBUF, Int32(clamping: size), "set SO_RCVBUF")
        }
        let ttl = Int32(configuration.ttl)
        switch configuration.family {
        case .ipv4:
            try setOption(Int32(IPPROTO_IP), IP_PKTINFO, 1, "enable IP_PKTINFO")
            try setOption(Int32(IPPROTO_IP), IP_RECVTTL, 1, "enable IP_RECVTTL")
            try setOption(Int32(IPPROTO_IP), IP_TTL, ttl, "set IP_TTL")
            try setOption(Int32(IPPROTO_IP), IP_MULTICAST_TTL, ttl, "set IP_MULTICAST_TTL")
            try setOption(Int32(IPPROTO_IP), IP_MULTICAST_LOOP, 0, "disable IP_MULTICAST_LOOP")
            try setOption(Int32(IPPROTO_IP), IP_TOS, Int32(configuration.trafficClass), "set IP_TOS")
            // Without this the kernel delivers multicast for every group any socket on the host joined.
            try setOption(Int32(IPPROTO_IP), IP_MULTICAST_ALL, 0, "disable IP_MULTICAST_ALL")
            if configuration.ipProtocol == .authenticationHeader {
                // keepalived's AH ICV covers the IPv4 header, Identification included: we write the header.
                try setOption(Int32(IPPROTO_IP), IP_HDRINCL, 1, "enable IP_HDRINCL")
            }
        case .ipv6:
            try setOption(Int32(IPPROTO_IPV6), IPV6_RECVPKTINFO, 1, "enable IPV6_RECVPKTINFO")
            try setOption(Int32(IPPROTO_IPV6), IPV6_RECVHOPLIMIT, 1, "enable IPV6_RECVHOPLIMIT")
            if configuration.ipProtocol == .vrrp {
                try setOption(Int32(IPPROTO_IPV6), IPV6_CHECKSUM, 6, "set IPV6_CHECKSUM offset 6")
            }
            try setOption(Int32(IPPROTO_IPV6), IPV6_UNICAST_HOPS, ttl, "set IPV6_UNICAST_HOPS")
            try setOption(Int32(IPPROTO_IPV6), IPV6_MULTICAST_HOPS, ttl, "set IPV6_MULTICAST_HOPS")
            try setOption(Int32(IPPROTO_IPV6), IPV6_MULTICAST_LOOP, 0, "disable IPV6_MULTICAST_LOOP")
            try setOption(Int32(IPPROTO_IPV6), IPV6_TCLASS, Int32(configuration.trafficClass), "set IPV6_TCLASS")
            try setOption(Int32(IPPROTO_IPV6), IPV6_MULTICAST_ALL, 0, "disable IPV6_MULTICAST_ALL")
        }
        // The kernel's receive time of each advert: a backup's master-down timer runs from it, not from when the
        // loop got to the packet. Without it (never seen on Linux) packets carry no arrival and timers run from
        // the read, so a failure here does not stop the socket.
        _ = vrrp_shim_enable_receive_timestamps(fd)
        let domain = configuration.family == .ipv4 ? AF_INET : AF_INET6
        guard vrrp_shim_multicast_interface(fd, domain, interfaceIndex) == 0 else {
            throw VRRPSocketError("set the multicast interface", interface: name, errno: Glibc.errno)
        }
        for group in configuration.multicastGroups {
            guard group.family == configuration.family else {
                throw VRRPSocketError(
                    operation: "join \(group)", interface: name, errno: 0,
                    cause: "a \(group.family) group on an \(configuration.family) socket")
            }
            let result = group.octets.withUnsafeBufferPointer {
                vrrp_shim_multicast_membership(fd, domain, $0.baseAddress, interfaceIndex, 1)
            }
            guard result == 0 else { throw VRRPSocketError("join \(group)", interface: name, errno: Glibc.errno) }
        }
    }

    private func setOption(_ level: Int32, _ option: Int32, _ value: Int32, _ what: String) throws(VRRPSocketError) {
        var value = value
        guard setsockopt(owned.rawValue, level, option, &value, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
            throw VRRPSocketError(what, interface: configuration.interface, errno: Glibc.errno)
        }
    }
}
