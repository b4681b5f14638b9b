import Foundation
import Testing
import VRRPWire

@Suite("vrrpctl decode --ah-pass")
struct DecodeAuthenticationHeaderTests {
    static func capture() throws -> String {
        let advert = Advertisement(
            version: .v2, virtualRouterID: 53, priority: 100, addresses: .ipv4([IPv4Address(192, 0, 2, 100)]),
            authenticationType: .ipAuthenticationHeader)
        var frames: [[UInt8]] = []
        for sequence in 1...2 {
            frames.append(
                try FrameBuilder.authenticatedAdvertisement(
                    advert, source: IPv4Address(192, 0, 2, 1), identification: UInt16(sequence),
                    sequenceNumber: UInt32(sequence), key: AuthenticationData(password: "fixture2").octets))
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vrrpsw-ah-\(UUID().uuidString).pcap")
            .path
        try DecodeCommandTests.pcap(frames).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("with the right auth_pass every AH advert says icv ok and the exit status is 0")
    func rightPassword() throws {
        let path = try Self.capture()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try DecodeCommandTests.run(["decode", "--ah-pass", "fixture2", path])
        #expect(result.status == 0, "\(result.error)")
        let lines = result.output.split(separator: "\n").filter { $0.contains("VRRPv2") }
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.contains("AH spi 0xc0000201") && $0.hasSuffix("icv ok") })
    }

    @Test("with another auth_pass each AH advert names the ICV failure and the exit status is 1; JSON too")
    func wrongPassword() throws {
        let path = try Self.capture()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = try DecodeCommandTests.run(["decode", "--ah-pass", "fixture3", path])
        #expect(text.status == 1)
        #expect(text.output.components(separatedBy: "icv FAILED: invalid IPSEC HMAC-MD5 value").count == 3)
        let json = try DecodeCommandTests.run(["decode", "--json", "--ah-pass", "fixture3", path])
        #expect(json.status == 1)
        #expect(json.output.components(separatedBy: "\"icv\":\"FAILED").count == 3)
        let unchecked = try DecodeCommandTests.run(["decode", path])
        #expect(unchecked.status == 0)
        #expect(!unchecked.output.contains("icv"))
    }
}
