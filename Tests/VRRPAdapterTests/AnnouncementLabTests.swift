import Foundation
import Testing
import VIPNetlink
import VRRPSocket
import VRRPWire

extension LabTests {
    @Suite("Gratuitous ARP and unsolicited NA move a neighbour entry")
    struct Announcements {
        /// The lladdr of `address` in host 3's neighbour table, if any.
        static func neighbour(_ lab: NamespaceLab, _ address: String) throws -> String? {
            let text = try lab.ip(lab.host(3), "-j", "neigh", "show", "to", address, "dev", "eth0")
            let entries = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]] ?? []
            return entries.first?.string("lladdr")
        }

        @Test("GARP from the interface MAC and from a virtual MAC; NA from the interface MAC")
        func neighbourTablesFollow() throws {
            let lab = try NamespaceLab(hostCount: 3)
            defer { lab.tearDown() }
            let stale = "02:00:00:00:00:99"
            // A failover moves a VIP that neighbours already know: start from an entry for another MAC.
            try lab.ip(lab.host(3), "neigh", "replace", "192.0.2.150", "lladdr", stale, "dev", "eth0", "nud", "stale")
            try lab.ip(lab.host(3), "neigh", "replace", "2001:db8::150", "lladdr", stale, "dev", "eth0", "nud", "stale")
            #expect(try Self.neighbour(lab, "192.0.2.150") == stale)

            let (socket, mac, linkLocal) = try inNamespace(lab.host(1)) {
                let netlink = try RouteNetlink()
                return (
                    try AnnouncementSocket(interface: "eth0"),
                    try #require(try netlink.interface(named: "eth0").hardwareAddress),
                    try #require(try netlink.linkLocalIPv6Address(of: "eth0"))
                )
            }
            #expect(mac.description == lab.mac(1))

            try socket.sendGratuitousARP(for: IPv4Address("192.0.2.150")!, from: mac)
            #expect(try Shell.waitUntil(.seconds(3)) { try Self.neighbour(lab, "192.0.2.150") == lab.mac(1) })

            try socket.sendUnsolicitedNeighborAdvertisement(
                for: IPv6Address("2001:db8::150")!, from: mac, source: linkLocal, isRouter: false)
            #expect(try Shell.waitUntil(.seconds(3)) { try Self.neighbour(lab, "2001:db8::150") == lab.mac(1) })

            // With use_vmac the announcement carries the virtual router MAC.
            let virtual = MACAddress.virtualRouter(51, family: .ipv4)
            try socket.sendGratuitousARP(for: IPv4Address("192.0.2.150")!, from: virtual)
            #expect(
                try Shell.waitUntil(.seconds(3)) {
                    try Self.neighbour(lab, "192.0.2.150") == virtual.description
                })
        }
    }
}
