import ArgumentParser
import Glibc
import VRRPCapture
import VRRPWire

/// `vrrpctl decode FILE... [--json]`: prints every VRRP, ARP and Neighbor Advertisement frame of pcap / pcapng
/// files, malformed frames with their decode error, and a summary per virtual router.
struct DecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Decode VRRP, ARP and neighbour advertisements in pcap / pcapng files.",
        discussion: """
            One line per VRRP, ARP or NA frame (malformed frames show their decode error), then a summary per \
            VRID: speakers and priorities, advertisement period min/median/max, errors. With --ah-pass each \
            auth_type AH advert also says whether its HMAC-MD5-96 ICV verifies. Exits non-zero when a file \
            cannot be read, or when an AH advert fails its check with --ah-pass.
            """
    )

    @Argument(help: "pcap or pcapng files.")
    var files: [String]

    @Flag(help: "Print JSON Lines: one object per frame, then a summary object.")
    var json = false

    @Option(
        name: .customLong("ah-pass"),
        help: ArgumentHelp(
            "Check the ICV of auth_type AH adverts with this auth_pass (its first 8 octets, as keepalived).",
            valueName: "password"))
    var ahPassword: String?

    func run() throws {
        var report = DecodeReport(format: json ? .json : .text)
        if let ahPassword { report.authenticationKey = AuthenticationData(password: ahPassword).octets }
        var output = ""
        output.reserveCapacity(1 << 17)
        var failures = 0
        var opened = 0
        for path in files {
            report.beginFile(path, into: &output)
            do throws(CaptureError) {
                let reader = try PcapReader(path: path)
                opened += 1
                var number = 0
                while let frame = try reader.next() {
                    number += 1
                    report.record(frame, number: number, into: &output)
                    if output.utf8.count >= 1 << 16 { flush(&output) }
                }
            } catch {
                flush(&output)
                failures += 1
                writeAll("vrrpctl decode: \(error)\n", to: STDERR_FILENO)
            }
        }
        if opened > 0 { report.summary(into: &output) }
        flush(&output)
        if failures > 0 || report.integrityFailures > 0 { throw ExitCode(1) }
    }

    private func flush(_ output: inout String) {
        guard !output.isEmpty else { return }
        writeAll(output, to: STDOUT_FILENO)
        output.removeAll(keepingCapacity: true)
    }
}

/// Writes all of `text` to a file descriptor, retrying short writes; stops quietly on an error such as EPIPE.
func writeAll(_ text: String, to descriptor: Int32) {
    var text = text
    text.withUTF8 { bytes in
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }
}
