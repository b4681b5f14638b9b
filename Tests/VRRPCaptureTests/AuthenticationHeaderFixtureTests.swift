import Foundation
import Testing
import VRRPCapture
import VRRPWire

@Suite("keepalived auth_type AH: its captured ICVs, and tshark on ours")
struct AuthenticationHeaderFixtureTests {
    /// `ka-v2-ah.pcap`: keepalived 2.2.7, VRID 53, `auth_pass fixture2` (see Fixtures/pcap/README.md).
    static var capturedPackets: [[UInt8]] {
        get throws {
            let path = TestFiles.fixtureDirectory.appendingPathComponent("ka-v2-ah.pcap").path
            return try PcapReader.readAll(path: path).compactMap { frame -> [UInt8]? in
                guard frame.bytes.count > 14 + 20, frame.bytes[12] == 0x08, frame.bytes[13] == 0x00,
                    frame.bytes[14 + 9] == 51
                else { return nil }
                let total = Int(frame.bytes[16]) << 8 | Int(frame.bytes[17])
                return Array(frame.bytes[14..<14 + total])
            }
        }
    }

    @Test("every AH advert keepalived sent verifies with auth_pass fixture2; sequence and Identification count from 1")
    func keepalivedICVs() throws {
        let packets = try Self.capturedPackets
        #expect(packets.count >= 3)
        let key = AuthenticationData(password: "fixture2").octets
        for (index, packet) in packets.enumerated() {
            let verdict = try AuthenticationHeader.verify(ipv4Packet: packet[...], key: key, zeroTimeToLive: false)
            #expect(verdict == .valid(sequenceNumber: UInt32(index + 1)), "advert \(index + 1): \(verdict)")
            #expect(Int(packet[4]) << 8 | Int(packet[5]) == index + 1)
        }
    }

    @Test("the captured adverts fail with another password, naming the ICV")
    func wrongPassword() throws {
        let packets = try Self.capturedPackets
        let first = try #require(packets.first)
        for password in ["fixture3", "fixture", "Fixture2", ""] {
            let key = AuthenticationData(password: password).octets
            let verdict = try AuthenticationHeader.verify(ipv4Packet: first[...], key: key, zeroTimeToLive: false)
            guard case .integrityCheckFailed(let received, let expected) = verdict else {
                Issue.record("password '\(password)' verified")
                continue
            }
            #expect(received == Array(first[32..<44]))
            #expect(received != expected)
        }
    }

    @Test("rebuilding keepalived's advert from its fields gives the same octets, ICV included")
    func rebuild() throws {
        let packets = try Self.capturedPackets
        let first = try #require(packets.first)
        let decoded = try #require(FrameDecoder(linkType: .raw).decode(first).advertisement)
        let ours = try AuthenticationHeader.authenticatedIPv4Packet(
            decoded.advertisement, source: IPv4Address(192, 0, 2, 1), destination: .vrrpMulticast,
            identification: 1, sequenceNumber: 1, key: AuthenticationData(password: "fixture2").octets)
        #expect(ours == first)
    }

    @Test(
        "tshark dissects our AH adverts as AH (SPI, sequence) wrapping VRRPv2 auth type 2 with a good checksum",
        .enabled(if: TShark.path != nil, "tshark is not installed"))
    func tsharkDissectsOurs() throws {
        let advert = Advertisement(
            version: .v2, virtualRouterID: 42, priority: 200, addresses: .ipv4([IPv4Address(192, 0, 2, 100)]),
            interval: .oneSecond, authenticationType: .ipAuthenticationHeader)
        try TestFiles.withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("ah.pcap").path
            let writer = try PcapWriter(path: path)
            for sequence in 1...3 {
                let frame = try FrameBuilder.authenticatedAdvertisement(
                    advert, source: IPv4Address(192, 0, 2, 7), identification: UInt16(sequence),
                    sequenceNumber: UInt32(sequence), key: AuthenticationData(password: "tshark1").octets)
                try writer.write(frame, timestamp: CaptureTimestamp(seconds: Int64(sequence), nanoseconds: 0))
            }
            try writer.close()
            let rows = try TShark.dissect(path, v3ChecksumAsV2: false)
            #expect(rows.count == 3)
            for sequence in 1...3 {
                let row = try #require(rows[sequence])
                #expect(row["ah.spi"] == "0xc0000207")
                #expect(row["ah.sequence"] == "\(sequence)")
                #expect(row["vrrp.virt_rtr_id"] == "42")
                #expect(row["vrrp.auth_type"] == "2")
                #expect(row["vrrp.checksum.status"] == "1")
                #expect(row["ip.src"] == "192.0.2.7")
            }
            let disagreements = try TShark.disagreements(path)
            #expect(disagreements.problems.isEmpty, "\(disagreements.problems)")
        }
    }
}

@Suite("keepalived auth_type AH across a master change")
struct AuthenticationHeaderHandoverFixtureTests {
    /// `ka-v2-ah-handover.pcap`: a (150) master, SIGTERM, b (100) takes over; `auth_pass fixture2`.
    static var packets: [[UInt8]] {
        get throws {
            let path = TestFiles.fixtureDirectory.appendingPathComponent("ka-v2-ah-handover.pcap").path
            return try PcapReader.readAll(path: path).compactMap { frame -> [UInt8]? in
                guard frame.bytes.count > 14 + 20, frame.bytes[14 + 9] == 51 else { return nil }
                let total = Int(frame.bytes[16]) << 8 | Int(frame.bytes[17])
                return Array(frame.bytes[14..<14 + total])
            }
        }
    }

    @Test("every advert of both speakers verifies; the new master continues the old one's sequence numbers")
    func sequenceContinues() throws {
        let packets = try Self.packets
        let key = AuthenticationData(password: "fixture2").octets
        var sequences: [(source: UInt8, sequence: UInt32)] = []
        for packet in packets {
            let verdict = try AuthenticationHeader.verify(ipv4Packet: packet[...], key: key, zeroTimeToLive: false)
            guard case .valid(let sequence) = verdict else {
                Issue.record("\(verdict)")
                continue
            }
            sequences.append((packet[15], sequence))
        }
        #expect(sequences.count >= 6)
        #expect(zip(sequences, sequences.dropFirst()).allSatisfy { $0.sequence + 1 == $1.sequence })
        let handover = try #require(sequences.firstIndex { $0.source == 2 })
        #expect(handover > 0 && sequences[..<handover].allSatisfy { $0.source == 1 })
        #expect(sequences[handover...].allSatisfy { $0.source == 2 })
    }
}
