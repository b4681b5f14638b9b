public import VRRPWire

extension DecodeReport {
    /// The text line for a frame (without newline).
    public static func textLine(_ frame: Frame, timestamp: CaptureTimestamp, number: Int) -> String {
        var line = "#\(number) \(timestamp) "
        switch frame.packet {
        case .advertisement(let received):
            let advertisement = received.advertisement
            line += ipPart(received.ip)
            line += " VRRP\(advertisement.version) vrid \(advertisement.virtualRouterID)"
            line += " prio \(advertisement.priority) int \(intervalText(advertisement))"
            line += " addrs \(addressesText(advertisement.addresses))"
            line += " auth \(authenticationText(advertisement, ip: received.ip))"
            line += " cksum ok (\(received.checksumVariant))"
        case .arp(let packet):
            line += "\(packet.senderProtocolAddress) → \(packet.targetProtocolAddress) ARP \(packet.operation)"
            line += " sender \(packet.senderHardwareAddress) target \(packet.targetHardwareAddress)"
            if packet.isGratuitous { line += " gratuitous" }
        case .neighborAdvertisement(let received):
            let message = received.message
            line += ipPart(received.ip) + " NA target \(message.target)"
            if let mac = message.targetLinkLayerAddress { line += " lladdr \(mac)" }
            line +=
                " flags " + (message.isRouter ? "R" : "-") + (message.isSolicited ? "S" : "-")
                + (message.isOverride ? "O" : "-")
        case .malformed(let error):
            if let ip = error.ip { line += ipPart(ip) + " " }
            line += "MALFORMED \(error.layer)"
            if let vrid = error.virtualRouterID { line += " vrid \(vrid)" }
            line += " \(error.error)"
        case .other(let other):
            line += "other: \(other.summary)"
        }
        return line
    }

    /// `src → dst ttl N` or `src → dst hop N`.
    static func ipPart(_ ip: IPPacketInfo) -> String {
        let endpoints = ip.endpoints
        let label = endpoints.family == .ipv4 ? "ttl" : "hop"
        return "\(endpoints.source) → \(endpoints.destination) \(label) \(ip.hopLimit)"
    }

    /// `1s` for VRRPv2, `1.00s` for VRRPv3 centiseconds.
    static func intervalText(_ advertisement: Advertisement) -> String {
        let centiseconds = Int64(advertisement.interval.centiseconds)
        if advertisement.version == .v2 { return "\(centiseconds / 100)s" }
        return "\(centiseconds / 100).\(pad(centiseconds % 100, 2))s"
    }

    /// Comma-separated addresses, or `none`.
    static func addressesText(_ addresses: VirtualAddressList) -> String {
        addresses.isEmpty ? "none" : addresses.addresses.map(\.description).joined(separator: ",")
    }

    /// `none`, `PASS "text"`, `AH spi 0x… seq N`.
    static func authenticationText(_ advertisement: Advertisement, ip: IPPacketInfo) -> String {
        var text = advertisement.authenticationType.description
        if advertisement.authenticationType == .simpleText {
            text += " \(advertisement.authenticationData)"
        }
        if let header = ip.authenticationHeader {
            text += " spi 0x\(hex32(header.securityParametersIndex)) seq \(header.sequenceNumber)"
        }
        return text
    }

    /// Seconds with microseconds, e.g. `1.000250s`.
    static func durationText(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let negative = seconds < 0 || attoseconds < 0
        let micro = abs(seconds) * 1_000_000 + abs(attoseconds) / 1_000_000_000_000
        return (negative ? "-" : "") + "\(micro / 1_000_000).\(pad(micro % 1_000_000, 6))s"
    }

    func textSummary(into output: inout String) {
        output += "== summary: \(counts.frames) frames: \(counts.advertisements) VRRP, \(counts.arp) ARP, "
        output += "\(counts.neighborAdvertisements) NA, \(counts.malformed) malformed, \(counts.other) other\n"
        for summary in vridSummaries {
            let versions = summary.versions.sorted().map(\.description).joined(separator: "/")
            output += "VRID \(summary.virtualRouterID) \(summary.family)"
            output += versions.isEmpty ? "" : " (\(versions))"
            output += ": \(summary.advertisements) adverts"
            if summary.viaAuthenticationHeader > 0 { output += ", \(summary.viaAuthenticationHeader) via AH" }
            output += "\n"
            if !summary.speakers.isEmpty {
                let speakers = summary.speakers.map { speaker in
                    let priorities = speaker.priorities.map(String.init).joined(separator: "→")
                    return "\(speaker.address) prio \(priorities) (\(speaker.advertisements))"
                }
                output += "  speakers: " + speakers.joined(separator: "; ") + "\n"
            }
            if let period = summary.periodStatistics {
                output += "  period: min \(Self.durationText(period.minimum))"
                output += " median \(Self.durationText(period.median)) max \(Self.durationText(period.maximum))\n"
            }
            if !summary.checksumVariants.isEmpty {
                let variants = summary.checksumVariants.sorted { $0.key.description < $1.key.description }
                output += "  checksum: " + variants.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "\n"
            }
            output += "  errors: "
            if summary.errors.isEmpty {
                output += "none\n"
            } else {
                let errors = summary.errors.sorted { $0.key.description < $1.key.description }
                output += errors.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "\n"
            }
        }
        if !unattributedErrors.isEmpty {
            let errors = unattributedErrors.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            output += "malformed frames without a VRID: " + errors.joined(separator: ", ") + "\n"
        }
    }
}

/// Eight hexadecimal digits.
func hex32(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 8 - digits.count) + digits
}
