import Foundation
import Testing
import VRRPCapture
import VRRPWire

@Suite("Agreement with tshark's VRRP dissector", .enabled(if: TShark.path != nil, "tshark is not installed"))
struct TSharkAgreementTests {
    @Test("a varied synthetic capture decodes field for field as tshark dissects it")
    func syntheticCapture() throws {
        try TestFiles.withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("synthetic.pcap").path
            try SyntheticCapture.write(to: path, count: 600)
            let result = try TShark.disagreements(path)
            #expect(result.frames == 600)
            #expect(result.vrrpFrames >= 400)
            // Frames with a broken IPv4 header checksum: tshark dissects their VRRP, we stop at IPv4.
            #expect(result.tsharkVRRPFrames == result.vrrpFrames + 50)
            #expect(result.problems.isEmpty, "\(result.problems.prefix(20).joined(separator: "\n"))")
        }
    }

    @Test(
        "every fixture capture decodes field for field as tshark dissects it",
        .enabled(if: !TestFiles.fixturePcaps.isEmpty, "Fixtures/pcap holds no captures yet"),
        arguments: TestFiles.fixturePcaps
    )
    func fixture(_ file: URL) throws {
        let result = try TShark.disagreements(file.path)
        #expect(result.frames > 0, "\(file.lastPathComponent) holds no frames")
        #expect(
            result.problems.isEmpty, "\(file.lastPathComponent):\n\(result.problems.prefix(20).joined(separator: "\n"))"
        )
    }
}
