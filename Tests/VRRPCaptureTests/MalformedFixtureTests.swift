import Foundation
import Testing
import VRRPCapture
import VRRPWire

/// `Fixtures/pcap/malformed.tsv` (columns frame, expected_error_code, note) names the error code the decoder
/// must report for each frame of `Fixtures/pcap/malformed.pcap` (or `.pcapng`); `valid` means the frame must
/// decode as an advertisement.
@Suite("Hand-made malformed fixtures")
struct MalformedFixtureTests {
    static let table = TestFiles.fixtureDirectory.appendingPathComponent("malformed.tsv")

    static var capture: URL? {
        ["malformed.pcap", "malformed.pcapng"].map { TestFiles.fixtureDirectory.appendingPathComponent($0) }
            .first { FileManager.default.fileExists(atPath: $0.path) }
    }

    @Test(
        "each listed frame fails with exactly the expected error code",
        .enabled(
            if: FileManager.default.fileExists(atPath: table.path), "Fixtures/pcap/malformed.tsv does not exist yet")
    )
    func expectedCodes() throws {
        let capture = try #require(Self.capture, "malformed.tsv exists but malformed.pcap does not")
        let frames = try PcapReader.readAll(path: capture.path)
        let rows = try String(contentsOf: Self.table, encoding: .utf8).split(separator: "\n")
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
            .filter { $0.count >= 2 && Int($0[0]) != nil }
        #expect(!rows.isEmpty)
        for row in rows {
            let number = Int(row[0])!
            let note = row.count > 2 ? row[2] : ""
            guard number >= 1, number <= frames.count else {
                Issue.record("malformed.tsv names frame \(number); the capture has \(frames.count)")
                continue
            }
            let decoded = frames[number - 1].decoded
            if row[1] == "valid" {
                #expect(decoded.advertisement != nil, "frame \(number) (\(note)): decoded \(decoded.packet)")
            } else {
                #expect(
                    decoded.error?.code.description == row[1],
                    "frame \(number) (\(note)): expected \(row[1]), decoded \(decoded.packet)")
            }
        }
    }
}
