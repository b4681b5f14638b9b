import Foundation
import Testing

extension LabTests {
    @Suite("VRRPSocket: auth_type AH adverts between hosts")
    struct AuthenticationHeaderTraffic {
        /// Sends 3 AH adverts from host 1 (`vrrpctl send --ah-pass`) to a protocol 51 listener on host 2.
        static func exchange(
            listenerPassword: String, unicast: Bool
        ) throws -> (packets: [[String: Any]], tshark: [[String]]) {
            let lab = try NamespaceLab(hostCount: 2)
            defer { lab.tearDown() }
            let capture = lab.directory.appendingPathComponent("capture.pcap").path
            let ready = lab.directory.appendingPathComponent("ready").path
            let tcpdump = try lab.start(
                lab.host(2),
                ["tcpdump", "-i", "eth0", "-n", "-U", "--immediate-mode", "-c", "3", "-w", capture, "ip proto 51"])
            defer { tcpdump.stop() }
            try #require(
                Shell.waitUntil(.seconds(10)) {
                    ((try? FileManager.default.attributesOfItem(atPath: capture)[.size] as? Int) ?? 0) >= 24
                }, "tcpdump did not start capturing")
            let listener = try lab.start(
                lab.host(2),
                [
                    LabPrerequisites.vrrpctlPath, "listen", "-i", "eth0", "--ip-protocol", "ah", "--ah-pass",
                    listenerPassword, "--count", "3", "--timeout", "10000", "--ready-file", ready,
                ])
            defer { listener.stop() }
            try #require(Shell.waitUntil(.seconds(10)) { FileManager.default.fileExists(atPath: ready) })
            var send = [
                LabPrerequisites.vrrpctlPath, "send", "-i", "eth0", "--version", "2", "--vrid", "53", "--priority",
                "120", "--address", "192.0.2.100", "--count", "3", "--spacing", "50ms", "--ah-pass", "s3cret",
                "--ah-sequence", "41",
            ]
            if unicast { send += ["--source", lab.ipv4(1), "--destination", lab.ipv4(2)] }
            let sent = try lab.exec(lab.host(1), send)
            #expect(sent.status == 0, "vrrpctl send failed: \(sent.stderr)")
            let output = ListenerOutput(listener.finish(within: .seconds(12)).stdout)
            _ = tcpdump.finish(within: .seconds(5))
            let tshark = try Shell.run([
                "tshark", "-r", capture, "-T", "fields", "-E", "separator=|", "-e", "ip.proto", "-e", "ip.id",
                "-e", "ah.spi", "-e", "ah.sequence", "-e", "vrrp.virt_rtr_id", "-e", "vrrp.auth_type",
                "-e", "vrrp.checksum.status", "-e", "ip.ttl",
            ])
            #expect(tshark.status == 0, "tshark failed: \(tshark.stderr)")
            let rows = tshark.stdout.split(separator: "\n").map { $0.split(separator: "|").map(String.init) }
            return (output.packets, rows)
        }

        @Test(
            "IP_HDRINCL adverts arrive on a protocol 51 socket with a verifying ICV; tshark sees AH + VRRPv2",
            arguments: [false, true])
        func sendAndReceive(unicast: Bool) throws {
            let (packets, rows) = try Self.exchange(listenerPassword: "s3cret", unicast: unicast)
            #expect(packets.count == 3)
            for (index, packet) in packets.enumerated() {
                #expect(packet.int("protocol") == 51)
                #expect(packet.int("ah_length") == 24)
                #expect(packet.int("vrid") == 53)
                #expect(packet.int("auth_type") == 2)
                #expect(packet.int("ttl") == 255)
                #expect(packet.string("icv") == "ok")
                #expect(packet.int("ah_sequence") == 41 + index)
                #expect(packet.string("destination") == (unicast ? "192.0.2.2" : "224.0.0.18"))
            }
            #expect(rows.count == 3)
            for (index, row) in rows.enumerated() {
                // The Identification is ours (IP_HDRINCL): 1, 2, 3, as keepalived counts.
                #expect(
                    row == [
                        "51", "0x\(String(format: "%04x", index + 1))", "0xc0000201", "\(41 + index)", "53",
                        "2", "1", "255",
                    ])
            }
        }

        @Test("a listener keyed with another password sees every ICV fail")
        func wrongPassword() throws {
            let (packets, _) = try Self.exchange(listenerPassword: "other", unicast: false)
            #expect(packets.count == 3)
            #expect(packets.allSatisfy { $0.string("icv") == "failed" })
        }
    }
}
