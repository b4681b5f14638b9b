import VRRPWire

extension DecodeReport {
    /// For an IPv4 advert carried under an AH: `ok` when keepalived's HMAC-MD5-96 ICV (and SPI) verify with
    /// `key`, else the reason; nil for other frames.
    static func integrityVerdict(_ frame: Frame, bytes: [UInt8], key: [UInt8]) -> String? {
        guard case .advertisement(let received) = frame.packet, received.ip.authenticationHeader != nil,
            case .ipv4 = received.ip.header, let link = frame.link
        else { return nil }
        let start: Int
        switch link {
        case .ethernet(let header): start = header.headerLength
        case .linuxCooked(let header): start = header.headerLength
        case .raw: start = 0
        }
        guard bytes.count >= start + 4 else { return "not checked: truncated" }
        let total = Int(bytes[start + 2]) << 8 | Int(bytes[start + 3])
        guard bytes.count >= start + total else { return "not checked: truncated" }
        do throws(WireError) {
            let verdict = try AuthenticationHeader.verify(
                ipv4Packet: bytes[start..<start + total], key: key, zeroTimeToLive: false)
            return verdict.isValid ? "ok" : "FAILED: \(verdict)"
        } catch {
            return "not checked: \(error)"
        }
    }
}
