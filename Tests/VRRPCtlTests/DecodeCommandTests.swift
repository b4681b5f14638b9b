import Foundation
import Testing
import VRRPWire

/// Runs the built `vrrpctl decode` end to end on files written here by a minimal, independent pcap writer.
@Suite("vrrpctl decode")
struct DecodeCommandTests {
    static let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("vrrpctl").path

    /// A classic microsecond pcap: 24-octet header, then 16-octet record headers, little-endian.
    static func pcap(_ frames: [[UInt8]], linkType: UInt32 = 1) -> Data {
        var data = Data()
        func le32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        func le16(_ value: UInt16) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        le32(0xA1B2_C3D4)
        le16(2)
        le16(4)
        le32(0)
        le32(0)
        le32(65_535)
        le32(linkType)
        for (index, frame) in frames.enumerated() {
            le32(1_790_000_000 + UInt32(index))
            le32(250_000)
            le32(UInt32(frame.count))
            le32(UInt32(frame.count))
            data.append(contentsOf: frame)
        }
        return data
    }

    static func frames() throws -> [[UInt8]] {
        let endpoints = IPEndpoints.ipv4(source: IPv4Address(192, 0, 2, 1), destination: .vrrpMulticast)
        var frames: [[UInt8]] = []
        for _ in 0..<3 {
            let advert = Advertisement(
                version: .v2, virtualRouterID: 51, priority: 100, addresses: .ipv4([IPv4Address(192, 0, 2, 51)]),
                interval: .seconds(1), authenticationType: .simpleText,
                authenticationData: AuthenticationData(password: "pw"))
            frames.append(try FrameBuilder.advertisement(advert, endpoints: endpoints))
        }
        frames[1][43] ^= 0x40  // break the second advert's checksum
        return frames
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: outputData, as: UTF8.self),
            String(decoding: errorData, as: UTF8.self)
        )
    }

    static func withCapture<T>(_ body: (String) throws -> T) throws -> T {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vrrpsw-cp-\(UUID().uuidString).pcap")
        try pcap(try frames()).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        return try body(path.path)
    }

    @Test("prints a line per advert, the malformed one with its error, and a VRID summary; exits 0")
    func decodes() throws {
        try Self.withCapture { path in
            let result = try Self.run(["decode", path])
            #expect(result.status == 0, "\(result.error)")
            let lines = result.output.split(separator: "\n").map(String.init)
            #expect(lines.filter { $0.hasPrefix("#") }.count == 3)
            #expect(
                lines[0].hasPrefix("#1 2026-09-21T14:13:20.250000000Z 192.0.2.1 → 224.0.0.18 ttl 255 VRRPv2 vrid 51"))
            #expect(lines[0].contains("auth PASS \"pw\" cksum ok (v2)"))
            #expect(lines[1].contains("MALFORMED VRRP vrid 51 badChecksum"))
            #expect(result.output.contains("VRID 51 IPv4 (v2): 2 adverts"))
            #expect(result.output.contains("period: min 2.000000s median 2.000000s max 2.000000s"))
            #expect(result.output.contains("errors: badChecksum 1"))
        }
    }

    @Test("--json prints one JSON object per line")
    func json() throws {
        try Self.withCapture { path in
            let result = try Self.run(["decode", path, "--json"])
            #expect(result.status == 0)
            let kinds = try result.output.split(separator: "\n").map { line in
                (try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["kind"] as? String
            }
            #expect(kinds == ["vrrp", "malformed", "vrrp", "summary"])
        }
    }

    @Test("a missing file exits non-zero with a message naming it")
    func missingFile() throws {
        let result = try Self.run(["decode", "/nonexistent/vrrpsw-cp.pcap"])
        #expect(result.status != 0)
        #expect(result.error.contains("cannot open capture file '/nonexistent/vrrpsw-cp.pcap'"))
        #expect(result.error.contains("No such file or directory"))
    }

    @Test("a file that is not a capture exits non-zero with libpcap's reason")
    func notACapture() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vrrpsw-cp-\(UUID().uuidString).txt")
        try Data("not a capture\n".utf8).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let result = try Self.run(["decode", path.path])
        #expect(result.status != 0)
        #expect(result.error.contains("unknown file format"))
    }
}
