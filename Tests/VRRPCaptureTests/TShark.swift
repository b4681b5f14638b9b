import Foundation
import VRRPCapture
import VRRPWire

/// tshark's VRRP dissection of a capture, and its comparison with ours.
enum TShark {
    /// tshark's path, nil when it is not installed.
    static let path: String? = which("tshark")

    static let fields = [
        "frame.number", "vrrp.version", "vrrp.type", "vrrp.virt_rtr_id", "vrrp.prio", "vrrp.addr_count",
        "vrrp.auth_type", "vrrp.adver_int", "vrrp.short_adver_int", "vrrp.reserved_mbz", "vrrp.checksum",
        "vrrp.checksum.status", "vrrp.ip_addr", "vrrp.ipv6_addr", "vrrp.auth_string", "ip.src", "ip.dst", "ip.ttl",
        "ipv6.src", "ipv6.dst", "ipv6.hlim", "ah.spi", "ah.sequence",
    ]

    /// One row of fields per frame number. `v3ChecksumAsV2` sets tshark's `vrrp.v3_checksum_as_in_v2`.
    static func dissect(_ file: String, v3ChecksumAsV2: Bool) throws -> [Int: [String: String]] {
        guard let path else { return [:] }
        var arguments = ["-n", "-r", file, "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a"]
        arguments += ["-E", "aggregator=,", "-o", "vrrp.v3_checksum_as_in_v2:\(v3ChecksumAsV2 ? "TRUE" : "FALSE")"]
        for field in fields { arguments += ["-e", field] }
        let (status, output, error) = try run(path, arguments)
        guard status == 0 else { throw TSharkFailure(message: "tshark exited \(status): \(error)") }
        var rows: [Int: [String: String]] = [:]
        for line in output.split(separator: "\n", omittingEmptySubsequences: true) {
            let values = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            var row: [String: String] = [:]
            for (index, field) in fields.enumerated() where index < values.count { row[field] = values[index] }
            if let number = Int(row["frame.number"] ?? "") { rows[number] = row }
        }
        return rows
    }

    /// Every disagreement between our decoding of `file` and tshark's, as sentences naming frame and field.
    static func disagreements(
        _ file: String
    ) throws -> (frames: Int, vrrpFrames: Int, tsharkVRRPFrames: Int, problems: [String]) {
        let ours = try PcapReader.readAll(path: file)
        let standard = try dissect(file, v3ChecksumAsV2: false)
        let asV2 = try dissect(file, v3ChecksumAsV2: true)
        var problems: [String] = []
        var vrrpFrames = 0
        if standard.count != ours.count {
            problems.append("tshark saw \(standard.count) frames, we read \(ours.count)")
        }
        for (index, captured) in ours.enumerated() {
            let number = index + 1
            let row = standard[number] ?? [:]
            let rowAsV2 = asV2[number] ?? [:]
            func check(_ field: String, _ expected: String, in values: [String: String] = row) {
                let actual = values[field] ?? ""
                if actual != expected {
                    problems.append("frame \(number) \(field): tshark '\(actual)', ours '\(expected)'")
                }
            }
            let tsharkHasVRRP = !(row["vrrp.virt_rtr_id"] ?? "").isEmpty
            let frame = captured.decoded
            switch frame.packet {
            case .advertisement(let received):
                vrrpFrames += 1
                let advertisement = received.advertisement
                check("vrrp.version", "\(advertisement.version.rawValue)")
                check("vrrp.type", "1")
                check("vrrp.virt_rtr_id", "\(advertisement.virtualRouterID)")
                check("vrrp.prio", "\(advertisement.priority)")
                check("vrrp.addr_count", "\(advertisement.addresses.count)")
                check("vrrp.checksum", String(format: "0x%04x", received.decoded.checksum))
                if advertisement.version == .v2 {
                    check("vrrp.auth_type", "\(advertisement.authenticationType.rawValue)")
                    check("vrrp.adver_int", "\(advertisement.interval.centiseconds / 100)")
                    if advertisement.authenticationType == .simpleText {
                        check("vrrp.auth_string", advertisement.authenticationData.password)
                    }
                } else {
                    check("vrrp.short_adver_int", "\(advertisement.interval.centiseconds)")
                }
                switch advertisement.addresses {
                case .ipv4(let list): check("vrrp.ip_addr", list.map(\.description).joined(separator: ","))
                case .ipv6(let list): check("vrrp.ipv6_addr", list.map(\.description).joined(separator: ","))
                }
                // tshark verifies v2 over the message and v3 with the pseudo-header; with v3_checksum_as_in_v2 it
                // verifies v3 over IPv4 without it. Any other variant our decoder accepts is "bad" to tshark, among
                // them keepalived's v2 over IPv6, whose checksum covers the IPv6 pseudo-header.
                let variant = received.checksumVariant
                let standardGood = variant == .version2 || variant == .pseudoHeader
                let asV2Good =
                    variant == .version2
                    || (received.ip.endpoints.family == .ipv6
                        ? variant == .pseudoHeader : variant == .withoutPseudoHeader)
                check("vrrp.checksum.status", standardGood ? "1" : "0")
                check("vrrp.checksum.status", asV2Good ? "1" : "0", in: rowAsV2)
                switch received.ip.header {
                case .ipv4(let header):
                    check("ip.src", "\(header.source)")
                    check("ip.dst", "\(header.destination)")
                    check("ip.ttl", "\(header.timeToLive)")
                case .ipv6(let header):
                    check("ipv6.src", "\(header.source)")
                    check("ipv6.dst", "\(header.destination)")
                    check("ipv6.hlim", "\(header.hopLimit)")
                }
                if let ah = received.ip.authenticationHeader {
                    check("ah.spi", String(format: "0x%08x", ah.securityParametersIndex))
                    check("ah.sequence", "\(ah.sequenceNumber)")
                }
            case .malformed(let error) where error.layer == .vrrp:
                vrrpFrames += 1
                if !tsharkHasVRRP {
                    // With under 2 octets of VRRP there is no VRID for tshark to show, and it adds no VRRP layer.
                    if error.code == .truncated, error.virtualRouterID == nil { continue }
                    problems.append("frame \(number): we found malformed VRRP (\(error)), tshark no VRRP")
                    continue
                }
                if let vrid = error.virtualRouterID { check("vrrp.virt_rtr_id", "\(vrid)") }
                if error.code == .badChecksum {
                    check("vrrp.checksum.status", "0")
                    check("vrrp.checksum.status", "0", in: rowAsV2)
                }
            case .malformed(let error) where error.layer == .ipv4 && error.code == .badChecksum:
                // tshark does not verify IPv4 header checksums by default, so it still dissects the VRRP inside;
                // the kernel would drop the packet, and so do we.
                continue
            case .arp, .neighborAdvertisement, .other, .malformed:
                if tsharkHasVRRP { problems.append("frame \(number): tshark found VRRP, we decoded \(frame.packet)") }
            }
        }
        let tsharkVRRPFrames = standard.values.filter { !($0["vrrp.virt_rtr_id"] ?? "").isEmpty }.count
        return (ours.count, vrrpFrames, tsharkVRRPFrames, problems)
    }
}

struct TSharkFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
