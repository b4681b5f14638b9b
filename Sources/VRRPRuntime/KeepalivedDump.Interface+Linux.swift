import CVRRPShim
import Glibc
import VRRPWire

extension KeepalivedDump.Interface {
    /// The interfaces of the calling thread's network namespace, in index order, from getifaddrs(3) and
    /// `/sys/class/net/NAME/mtu`; empty when they cannot be read.
    public static func current() -> [KeepalivedDump.Interface] {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0, let first = list else { return [] }
        defer { freeifaddrs(list) }
        var byName: [String: KeepalivedDump.Interface] = [:]
        var order: [String] = []
        var entry: UnsafeMutablePointer<ifaddrs>? = first
        while let current = entry {
            defer { entry = current.pointee.ifa_next }
            let name = String(cString: current.pointee.ifa_name)
            let flags = Int32(bitPattern: current.pointee.ifa_flags)
            if byName[name] == nil {
                order.append(name)
                byName[name] = KeepalivedDump.Interface(
                    name: name, index: Int(if_nametoindex(name)), isUp: flags & Int32(IFF_UP) != 0,
                    isRunning: flags & Int32(IFF_RUNNING) != 0,
                    isLoopback: flags & Int32(IFF_LOOPBACK) != 0,
                    hasBroadcast: flags & Int32(IFF_BROADCAST) != 0,
                    hasMulticast: flags & Int32(IFF_MULTICAST) != 0, mtu: mtu(of: name))
            }
            guard let address = current.pointee.ifa_addr else { continue }
            switch Int32(address.pointee.sa_family) {
            case AF_INET:
                guard byName[name]?.ipv4 == nil else { continue }
                let value = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr.s_addr }
                byName[name]?.ipv4 = IPv4Address(UInt32(bigEndian: value))
            case AF_INET6:
                let octets = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                    withUnsafeBytes(of: pointer.pointee.sin6_addr) { Array($0) }
                }
                // keepalived shows the link-local address (the source of IPv6 adverts), none otherwise.
                let isLinkLocal = octets[0] == 0xFE && octets[1] & 0xC0 == 0x80
                if isLinkLocal, byName[name]?.ipv6 == nil { byName[name]?.ipv6 = IPv6Address(octets: octets) }
            case AF_PACKET:
                let (mac, type) = address.withMemoryRebound(to: sockaddr_ll.self, capacity: 1) { pointer in
                    (Self.hardwareAddress(pointer.pointee), pointer.pointee.sll_hatype)
                }
                guard type == 1 else { continue }  // ARPHRD_ETHER
                byName[name]?.mac = mac
                if let broadcast = current.pointee.ifa_ifu.ifu_broadaddr {
                    byName[name]?.broadcastMAC = broadcast.withMemoryRebound(to: sockaddr_ll.self, capacity: 1) {
                        Self.hardwareAddress($0.pointee)
                    }
                }
            default:
                continue
            }
        }
        return order.compactMap { byName[$0] }.sorted { $0.index < $1.index }
    }

    private static func hardwareAddress(_ link: sockaddr_ll) -> MACAddress? {
        guard link.sll_halen == 6 else { return nil }
        let bytes = withUnsafeBytes(of: link.sll_addr) { Array($0.prefix(6)) }
        return MACAddress(octets: bytes)
    }

    private static func mtu(of name: String) -> Int? {
        guard !name.contains("/"), let file = fopen("/sys/class/net/\(name)/mtu", "re") else { return nil }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 32)
        guard fgets(&buffer, Int32(buffer.count), file) != nil else { return nil }
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return Int(text.trimmingSuffixNewline())
    }
}

extension String {
    fileprivate func trimmingSuffixNewline() -> String {
        var text = self
        while text.last == "\n" || text.last == " " { text.removeLast() }
        return text
    }
}
