import Foundation
import Testing
import VRRPCapture
import VRRPWire

@Suite("pcap and pcapng files")
struct PcapFileTests {
    @Test("frames written with nanosecond timestamps read back identical, under the nanosecond magic")
    func writeThenRead() throws {
        try TestFiles.withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("round.pcap").path
            let frames = try SyntheticCapture.frames(count: 50, seed: 3)
            let writer = try PcapWriter(path: path)
            for (timestamp, bytes) in frames { try writer.write(bytes, timestamp: timestamp) }
            try writer.close()

            let header = try Data(contentsOf: URL(fileURLWithPath: path)).prefix(24)
            #expect(Array(header.prefix(4)) == [0x4D, 0x3C, 0xB2, 0xA1])  // 0xa1b23c4d, little-endian
            #expect(header[20] == 1)  // LINKTYPE_ETHERNET

            let reader = try PcapReader(path: path)
            #expect(reader.linkType == .ethernet)
            let read = try reader.readAll()
            #expect(read.count == frames.count)
            for (frame, (timestamp, bytes)) in zip(read, frames) {
                #expect(frame.timestamp == timestamp)
                #expect(frame.bytes == bytes)
                #expect(frame.originalLength == bytes.count)
                #expect(frame.linkType == .ethernet)
            }
            #expect(try reader.next() == nil)
        }
    }

    @Test("a Linux cooked SLL2 file keeps its link type and decodes")
    func linuxCookedFile() throws {
        try TestFiles.withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("sll2.pcap").path
            let advert = Advertisement(
                version: .v3, virtualRouterID: 42, priority: 200, addresses: .ipv4([IPv4Address(192, 0, 2, 42)]))
            let endpoints = IPEndpoints.ipv4(source: IPv4Address(192, 0, 2, 4), destination: .vrrpMulticast)
            let ethernet = try FrameBuilder.advertisement(advert, endpoints: endpoints)
            var frame: [UInt8] = []
            LinuxCookedHeader(
                version: .v2, packetType: .multicast, source: MACAddress(0x0000_5E00_012A), protocolType: .ipv4,
                interfaceIndex: 2
            ).encode(into: &frame)
            frame += ethernet[14...]
            let writer = try PcapWriter(path: path, linkType: .linuxSLL2)
            try writer.write(frame, timestamp: CaptureTimestamp(seconds: 5, nanoseconds: 7))
            try writer.close()
            let read = try PcapReader.readAll(path: path)
            #expect(read.count == 1)
            #expect(read.first?.linkType == .linuxSLL2)
            #expect(read.first?.decoded.advertisement?.advertisement == advert)
        }
    }

    @Test(
        "a pcapng file (converted by editcap) reads with the same frames and nanosecond timestamps",
        .enabled(if: which("editcap") != nil, "editcap (wireshark-common) is not installed"))
    func pcapng() throws {
        try TestFiles.withTemporaryDirectory { directory in
            let pcap = directory.appendingPathComponent("in.pcap").path
            let pcapng = directory.appendingPathComponent("out.pcapng").path
            try SyntheticCapture.write(to: pcap, count: 40, seed: 9)
            let (status, _, error) = try run(which("editcap")!, ["-F", "pcapng", pcap, pcapng])
            #expect(status == 0, "\(error)")
            let original = try PcapReader.readAll(path: pcap)
            let converted = try PcapReader.readAll(path: pcapng)
            #expect(converted == original)
            #expect(converted.contains { $0.timestamp.nanosecondsOfSecond % 1000 != 0 })
        }
    }

    @Test("a missing file names the path and the cause")
    func missingFile() {
        do {
            _ = try PcapReader(path: "/nonexistent/vrrpsw-cp/none.pcap")
            Issue.record("opening a missing file succeeded")
        } catch {
            #expect(error.code == .openFile)
            #expect(error.target == "/nonexistent/vrrpsw-cp/none.pcap")
            #expect(error.description.contains("No such file or directory"))
        }
    }

    @Test("a file that is not a capture is refused with libpcap's reason")
    func notACapture() throws {
        try TestFiles.withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("text.pcap").path
            try Data("keepalived.conf, not a capture\n".utf8).write(to: URL(fileURLWithPath: path))
            #expect(throws: CaptureError.self) { try PcapReader(path: path) }
            do throws(CaptureError) {
                _ = try PcapReader(path: path)
            } catch {
                #expect(error.code == .openFile)
                #expect(error.message.contains("unknown file format"))
            }
        }
    }

    @Test("a file cut inside a record reads its whole frames, then fails with a read error")
    func truncatedFile() throws {
        try TestFiles.withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("cut.pcap").path
            try SyntheticCapture.write(to: path, count: 10, seed: 2)
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            try data.prefix(data.count - 5).write(to: URL(fileURLWithPath: path))
            let reader = try PcapReader(path: path)
            var frames = 0
            do throws(CaptureError) {
                while try reader.next() != nil { frames += 1 }
                Issue.record("a cut file read to the end without error")
            } catch {
                #expect(error.code == .read)
                #expect(error.target == path)
            }
            #expect(frames == 9)
        }
    }

    @Test("writing into a missing directory names the path")
    func unwritable() {
        #expect(throws: CaptureError.self) { try PcapWriter(path: "/nonexistent/vrrpsw-cp/out.pcap") }
    }

    @Test(
        "timestamps print as UTC ISO 8601 with nanoseconds",
        arguments: [
            (Int64(0), "1970-01-01T00:00:00.000000000Z"),
            (Int64(1_790_000_000_123_456_789), "2026-09-21T14:13:20.123456789Z"),
            (Int64(951_782_400_000_000_001), "2000-02-29T00:00:00.000000001Z"),
            (Int64(-1), "1969-12-31T23:59:59.999999999Z"),
        ])
    func timestampText(nanoseconds: Int64, text: String) {
        #expect(CaptureTimestamp(nanosecondsSinceEpoch: nanoseconds).description == text)
    }
}
