import Foundation
import Testing
import VIPNetlink
import VRRPWire

/// One way of sending adverts: version, family, multicast or unicast.
struct TrafficCase: Sendable, CustomTestStringConvertible {
    var version: Int
    var ipv6: Bool
    var unicast: Bool

    var testDescription: String {
        "VRRPv\(version) over \(ipv6 ? "IPv6" : "IPv4"), \(unicast ? "unicast" : "multicast")"
    }

    static let all: [TrafficCase] = [
        TrafficCase(version: 2, ipv6: false, unicast: false),
        TrafficCase(version: 2, ipv6: false, unicast: true),
        TrafficCase(version: 3, ipv6: false, unicast: false),
        TrafficCase(version: 3, ipv6: false, unicast: true),
        TrafficCase(version: 3, ipv6: true, unicast: false),
        TrafficCase(version: 3, ipv6: true, unicast: true),
    ]
}

extension LabTests {
    @Suite("VRRPSocket: adverts between hosts")
    struct AdvertisementTraffic {
        @Test(
            "sent adverts arrive decoded with TTL 255, and tcpdump + tshark see them valid", arguments: TrafficCase.all)
        func sendAndReceive(_ traffic: TrafficCase) throws {
            let lab = try NamespaceLab(hostCount: 2)
            defer { lab.tearDown() }
            let family = traffic.ipv6 ? "ipv6" : "ipv4"
            let vip = traffic.ipv6 ? "2001:db8::100" : "192.0.2.100"
            let capture = lab.directory.appendingPathComponent("capture.pcap").path
            let ready = lab.directory.appendingPathComponent("ready").path

            let tcpdump = try lab.start(
                lab.host(2),
                [
                    "tcpdump", "-i", "eth0", "-n", "-U", "--immediate-mode", "-c", "3", "-w", capture,
                    "ip proto 112 or ip6 proto 112",
                ])
            defer { tcpdump.stop() }
            let capturing = Shell.waitUntil(.seconds(10)) {
                ((try? FileManager.default.attributesOfItem(atPath: capture)[.size] as? Int) ?? 0) >= 24
            }
            try #require(capturing, "tcpdump did not start capturing")

            let listener = try lab.start(
                lab.host(2),
                [
                    LabPrerequisites.vrrpctlPath, "listen", "-i", "eth0", "--family", family, "--count", "3",
                    "--timeout", "10000", "--ready-file", ready,
                ])
            defer { listener.stop() }
            try #require(Shell.waitUntil(.seconds(10)) { FileManager.default.fileExists(atPath: ready) })

            var send = [
                LabPrerequisites.vrrpctlPath, "send", "-i", "eth0", "--version", "\(traffic.version)",
                "--vrid", "51", "--priority", "150", "--address", vip, "--count", "3", "--spacing", "50ms",
            ]
            if traffic.version == 2 { send += ["--auth-pass", "vrrpsw"] }
            if traffic.unicast {
                send += [
                    "--source", traffic.ipv6 ? lab.ipv6(1) : lab.ipv4(1),
                    "--destination", traffic.ipv6 ? lab.ipv6(2) : lab.ipv4(2),
                ]
            }
            let sent = try lab.exec(lab.host(1), send)
            #expect(sent.status == 0, "vrrpctl send failed: \(sent.stderr)")

            let output = ListenerOutput(listener.finish(within: .seconds(12)).stdout)
            #expect(output.packets.count == 3)
            let expectedDestination =
                traffic.unicast
                ? (traffic.ipv6 ? lab.ipv6(2) : lab.ipv4(2)) : (traffic.ipv6 ? "ff02::12" : "224.0.0.18")
            for packet in output.packets {
                #expect(packet.int("version") == traffic.version)
                #expect(packet.int("vrid") == 51)
                #expect(packet.int("priority") == 150)
                #expect(packet.int("ttl") == 255)
                #expect(packet.strings("addresses") == [vip])
                #expect(packet.string("destination") == expectedDestination)
                #expect(packet.string("error") == nil)
                if traffic.unicast {
                    #expect(packet.string("source") == (traffic.ipv6 ? lab.ipv6(1) : lab.ipv4(1)))
                } else if traffic.ipv6 {
                    #expect(packet.string("source")?.hasPrefix("fe80:") == true)
                } else {
                    #expect(packet.string("source") == lab.ipv4(1))
                }
                #expect(packet.string("checksum") == (traffic.version == 2 ? "v2" : "pseudo-header"))
                if traffic.version == 2 { #expect(packet.int("auth_type") == 1) }
            }

            _ = tcpdump.finish(within: .seconds(5))
            let tshark = try Shell.run([
                "tshark", "-r", capture, "-o", "vrrp.v3_checksum_as_in_v2:FALSE", "-T", "fields", "-E",
                "separator=|", "-e", "vrrp.version", "-e", "vrrp.virt_rtr_id", "-e", "vrrp.prio",
                "-e", "vrrp.checksum.status", "-e", traffic.ipv6 ? "ipv6.hlim" : "ip.ttl",
                "-e", traffic.ipv6 ? "ipv6.tclass" : "ip.dsfield",
            ])
            #expect(tshark.status == 0, "tshark failed: \(tshark.stderr)")
            let rows = tshark.stdout.split(separator: "\n").map { $0.split(separator: "|").map(String.init) }
            #expect(rows.count == 3)
            for row in rows {
                #expect(row.count == 6)
                guard row.count == 6 else { continue }
                #expect(row[0] == "\(traffic.version)")
                #expect(row[1] == "51")
                #expect(row[2] == "150")
                // Wireshark's proto_checksum_enum_e: 0 bad, 1 good, 2 unverified.
                #expect(row[3] == "1", "tshark checksum status \(row[3])")
                #expect(row[4] == "255")
                #expect(row[5] == "0xc0" || row[5] == "0x000000c0" || row[5] == "192", "TOS/traffic class \(row[5])")
            }
        }

        @Test("tshark flags VRRPv3 over IPv4 without the pseudo-header; our decoder names the variant")
        func nonStandardChecksum() throws {
            let lab = try NamespaceLab(hostCount: 2)
            defer { lab.tearDown() }
            let capture = lab.directory.appendingPathComponent("capture.pcap").path
            let ready = lab.directory.appendingPathComponent("ready").path
            let tcpdump = try lab.start(
                lab.host(2),
                ["tcpdump", "-i", "eth0", "-n", "-U", "--immediate-mode", "-c", "1", "-w", capture, "ip proto 112"])
            defer { tcpdump.stop() }
            try #require(
                Shell.waitUntil(.seconds(10)) {
                    ((try? FileManager.default.attributesOfItem(atPath: capture)[.size] as? Int) ?? 0) >= 24
                })
            let listener = try lab.start(
                lab.host(2),
                [
                    LabPrerequisites.vrrpctlPath, "listen", "-i", "eth0", "--count", "1", "--timeout", "8000",
                    "--ready-file", ready,
                ])
            defer { listener.stop() }
            try #require(Shell.waitUntil(.seconds(10)) { FileManager.default.fileExists(atPath: ready) })
            let sent = try lab.exec(
                lab.host(1),
                [
                    LabPrerequisites.vrrpctlPath, "send", "-i", "eth0", "--vrid", "8", "--address", "192.0.2.88",
                    "--checksum-without-pseudo-header",
                ])
            #expect(sent.status == 0, "\(sent.stderr)")
            let output = ListenerOutput(listener.finish(within: .seconds(10)).stdout)
            #expect(output.packets.first?.string("checksum") == "no-pseudo-header")
            _ = tcpdump.finish(within: .seconds(5))
            let tshark = try Shell.run([
                "tshark", "-r", capture, "-o", "vrrp.v3_checksum_as_in_v2:FALSE", "-T", "fields",
                "-e", "vrrp.checksum.status",
            ])
            #expect(tshark.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        }

        @Test("the TTL reported on receive is the one the packet carried")
        func ttlIsReported() throws {
            let lab = try NamespaceLab(hostCount: 2)
            defer { lab.tearDown() }
            let ready = lab.directory.appendingPathComponent("ready").path
            let listener = try lab.start(
                lab.host(2),
                [
                    LabPrerequisites.vrrpctlPath, "listen", "-i", "eth0", "--count", "1", "--timeout", "8000",
                    "--ready-file", ready,
                ])
            defer { listener.stop() }
            try #require(Shell.waitUntil(.seconds(10)) { FileManager.default.fileExists(atPath: ready) })
            let sent = try lab.exec(
                lab.host(1),
                [
                    LabPrerequisites.vrrpctlPath, "send", "-i", "eth0", "--vrid", "9", "--ttl", "7", "--address",
                    "192.0.2.99",
                ])
            #expect(sent.status == 0, "\(sent.stderr)")
            let output = ListenerOutput(listener.finish(within: .seconds(10)).stdout)
            #expect(output.packets.first?.int("ttl") == 7)
        }

        @Test("a socket that accepts only listed peers drops the others")
        func acceptOnlyListedPeers() throws {
            let lab = try NamespaceLab(hostCount: 3)
            defer { lab.tearDown() }
            let ready = lab.directory.appendingPathComponent("ready").path
            let listener = try lab.start(
                lab.host(2),
                [
                    LabPrerequisites.vrrpctlPath, "listen", "-i", "eth0", "--count", "1", "--timeout", "8000",
                    "--accept-from", lab.ipv4(3), "--ready-file", ready,
                ])
            defer { listener.stop() }
            try #require(Shell.waitUntil(.seconds(10)) { FileManager.default.fileExists(atPath: ready) })
            for (host, vrid) in [(1, "71"), (3, "73")] {
                let sent = try lab.exec(
                    lab.host(host),
                    [
                        LabPrerequisites.vrrpctlPath, "send", "-i", "eth0", "--vrid", vrid, "--address", "192.0.2.70",
                        "--destination", lab.ipv4(2),
                    ])
                #expect(sent.status == 0, "\(sent.stderr)")
            }
            let output = ListenerOutput(listener.finish(within: .seconds(10)).stdout)
            #expect(output.packets.count == 1)
            #expect(output.packets.first?.int("vrid") == 73)
            #expect(output.packets.first?.string("source") == lab.ipv4(3))
        }

        @Test(
            "one send reaches several unicast peers (sendmmsg for v2 and IPv6, one sendmsg a peer for IPv4 v3)",
            arguments: [(2, false), (3, false), (3, true)])
        func severalPeers(version: Int, ipv6: Bool) throws {
            let lab = try NamespaceLab(hostCount: 3)
            defer { lab.tearDown() }
            let family = ipv6 ? "ipv6" : "ipv4"
            var listeners: [BackgroundProcess] = []
            defer { for listener in listeners { listener.stop() } }
            for host in [2, 3] {
                let ready = lab.directory.appendingPathComponent("ready\(host)").path
                listeners.append(
                    try lab.start(
                        lab.host(host),
                        [
                            LabPrerequisites.vrrpctlPath, "listen", "-i", "eth0", "--family", family, "--count", "2",
                            "--timeout", "8000", "--ready-file", ready,
                        ]))
                try #require(Shell.waitUntil(.seconds(10)) { FileManager.default.fileExists(atPath: ready) })
            }
            let address = ipv6 ? "2001:db8::42" : "192.0.2.42"
            var send = [
                LabPrerequisites.vrrpctlPath, "send", "-i", "eth0", "--version", "\(version)", "--vrid", "42",
                "--address", address, "--count", "2", "--spacing", "20ms",
                "--source", ipv6 ? lab.ipv6(1) : lab.ipv4(1),
            ]
            for host in [2, 3] { send += ["--destination", ipv6 ? lab.ipv6(host) : lab.ipv4(host)] }
            let sent = try lab.exec(lab.host(1), send)
            #expect(sent.status == 0, "\(sent.stderr)")
            for (offset, listener) in listeners.enumerated() {
                let host = offset + 2
                let output = ListenerOutput(listener.finish(within: .seconds(10)).stdout)
                #expect(output.packets.count == 2, "host \(host) received \(output.packets.count)")
                for packet in output.packets {
                    #expect(packet.int("vrid") == 42)
                    #expect(packet.int("version") == version)
                    #expect(packet.string("destination") == (ipv6 ? lab.ipv6(host) : lab.ipv4(host)))
                    #expect(packet.string("error") == nil, "checksum must verify for each peer")
                }
            }
        }

        @Test("use_vmac: adverts sent on the VMAC macvlan leave with the virtual router MAC")
        func virtualMACOnTheWire() throws {
            let lab = try NamespaceLab(hostCount: 2)
            defer { lab.tearDown() }
            let mac = MACAddress.virtualRouter(51, family: .ipv4)
            try inNamespace(lab.host(1)) {
                let netlink = try RouteNetlink()
                try netlink.createMacvlan(named: "vrrp.51", on: "eth0", hardwareAddress: mac, mode: .private)
                try VMACSysctls(vmac: "vrrp.51", parent: "eth0").apply()
                try netlink.addAddress(IPAddress("192.0.2.51")!, prefixLength: 24, to: "vrrp.51")
            }
            let capture = lab.directory.appendingPathComponent("vmac.pcap").path
            let tcpdump = try lab.start(
                lab.host(2),
                ["tcpdump", "-i", "eth0", "-n", "-U", "--immediate-mode", "-c", "1", "-w", capture, "ip proto 112"])
            defer { tcpdump.stop() }
            try #require(
                Shell.waitUntil(.seconds(10)) {
                    ((try? FileManager.default.attributesOfItem(atPath: capture)[.size] as? Int) ?? 0) >= 24
                })
            let sent = try lab.exec(
                lab.host(1),
                [
                    LabPrerequisites.vrrpctlPath, "send", "-i", "vrrp.51", "--vrid", "51", "--address", "192.0.2.51",
                    "--source", lab.ipv4(1),
                ])
            #expect(sent.status == 0, "\(sent.stderr)")
            _ = tcpdump.finish(within: .seconds(5))
            let tshark = try Shell.run([
                "tshark", "-r", capture, "-T", "fields", "-E", "separator=|", "-e", "eth.src", "-e", "ip.src",
                "-e", "vrrp.virt_rtr_id", "-e", "vrrp.checksum.status",
            ])
            #expect(tshark.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "\(mac)|\(lab.ipv4(1))|51|1")
        }
    }
}
