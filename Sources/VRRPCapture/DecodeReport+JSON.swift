public import VRRPWire

extension DecodeReport {
    /// The JSON object for a frame, on one line (without newline).
    public static func jsonLine(
        _ frame: Frame, timestamp: CaptureTimestamp, number: Int, file: String?, integrity: String? = nil
    ) -> String {
        var object = JSONObject()
        if let file { object.add("file", file) }
        object.add("frame", number)
        object.add("time", timestamp.description)
        object.add("timestampNanoseconds", Int(timestamp.nanosecondsSinceEpoch))
        switch frame.packet {
        case .advertisement(let received):
            let advertisement = received.advertisement
            object.add("kind", "vrrp")
            addIP(received.ip, to: &object)
            object.add("version", Int(advertisement.version.rawValue))
            object.add("vrid", Int(advertisement.virtualRouterID))
            object.add("priority", Int(advertisement.priority))
            object.add("intervalCentiseconds", Int(advertisement.interval.centiseconds))
            object.addRaw("addresses", jsonArray(advertisement.addresses.addresses.map(\.description)))
            object.add("auth", advertisement.authenticationType.description)
            if advertisement.authenticationType == .simpleText {
                object.add("password", advertisement.authenticationData.password)
            }
            object.add("checksum", "ok")
            object.add("checksumVariant", received.checksumVariant.description)
            if let integrity { object.add("icv", integrity) }
        case .arp(let packet):
            object.add("kind", "arp")
            object.add("operation", packet.operation.description)
            object.add("senderMAC", packet.senderHardwareAddress.description)
            object.add("senderIP", packet.senderProtocolAddress.description)
            object.add("targetMAC", packet.targetHardwareAddress.description)
            object.add("targetIP", packet.targetProtocolAddress.description)
            object.addRaw("gratuitous", packet.isGratuitous ? "true" : "false")
        case .neighborAdvertisement(let received):
            object.add("kind", "na")
            addIP(received.ip, to: &object)
            object.add("target", received.message.target.description)
            if let mac = received.message.targetLinkLayerAddress { object.add("targetMAC", mac.description) }
            object.addRaw("router", received.message.isRouter ? "true" : "false")
            object.addRaw("solicited", received.message.isSolicited ? "true" : "false")
            object.addRaw("override", received.message.isOverride ? "true" : "false")
        case .malformed(let error):
            object.add("kind", "malformed")
            if let ip = error.ip { addIP(ip, to: &object) }
            object.add("layer", error.layer.description)
            object.add("code", error.code.description)
            object.add("reason", error.error.reason)
            if let offset = error.error.offset { object.add("offset", offset) }
            if let vrid = error.virtualRouterID { object.add("vrid", Int(vrid)) }
        case .other(let other):
            object.add("kind", "other")
            object.add("summary", other.summary)
        }
        return object.text
    }

    static func addIP(_ ip: IPPacketInfo, to object: inout JSONObject) {
        object.add("src", ip.endpoints.source.description)
        object.add("dst", ip.endpoints.destination.description)
        object.add("ttl", Int(ip.hopLimit))
        if let header = ip.authenticationHeader {
            var ah = JSONObject()
            ah.add("spi", Int(header.securityParametersIndex))
            ah.add("sequence", Int(header.sequenceNumber))
            ah.add("icvLength", header.integrityCheckValue.count)
            object.addRaw("ah", ah.text)
        }
    }

    func jsonSummary(into output: inout String) {
        var object = JSONObject()
        object.add("kind", "summary")
        object.add("frames", counts.frames)
        object.add("vrrp", counts.advertisements)
        object.add("arp", counts.arp)
        object.add("na", counts.neighborAdvertisements)
        object.add("malformed", counts.malformed)
        object.add("other", counts.other)
        var routers: [String] = []
        for summary in vridSummaries {
            var router = JSONObject()
            router.add("vrid", Int(summary.virtualRouterID))
            router.add("family", summary.family.description)
            router.addRaw(
                "versions", "[" + summary.versions.sorted().map { "\($0.rawValue)" }.joined(separator: ",") + "]")
            router.add("adverts", summary.advertisements)
            router.add("viaAH", summary.viaAuthenticationHeader)
            let speakers = summary.speakers.map { speaker in
                var item = JSONObject()
                item.add("address", speaker.address.description)
                item.addRaw("priorities", "[" + speaker.priorities.map(String.init).joined(separator: ",") + "]")
                item.add("adverts", speaker.advertisements)
                return item.text
            }
            router.addRaw("speakers", "[" + speakers.joined(separator: ",") + "]")
            if let period = summary.periodStatistics {
                var periods = JSONObject()
                periods.add("minNanoseconds", Int(nanoseconds(period.minimum)))
                periods.add("medianNanoseconds", Int(nanoseconds(period.median)))
                periods.add("maxNanoseconds", Int(nanoseconds(period.maximum)))
                router.addRaw("period", periods.text)
            }
            var errors = JSONObject()
            for (code, count) in summary.errors.sorted(by: { $0.key.description < $1.key.description }) {
                errors.add(code.description, count)
            }
            router.addRaw("errors", errors.text)
            routers.append(router.text)
        }
        object.addRaw("routers", "[" + routers.joined(separator: ",") + "]")
        var unattributed = JSONObject()
        for (key, count) in unattributedErrors.sorted(by: { $0.key < $1.key }) { unattributed.add(key, count) }
        object.addRaw("unattributedErrors", unattributed.text)
        output += object.text + "\n"
    }
}

/// Whole nanoseconds of a duration.
func nanoseconds(_ duration: Duration) -> Int64 {
    let (seconds, attoseconds) = duration.components
    return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
}

/// A JSON array of strings.
func jsonArray(_ strings: [String]) -> String {
    "[" + strings.map(jsonString).joined(separator: ",") + "]"
}

/// A JSON string literal.
func jsonString(_ text: String) -> String { jsonStringLiteral(text) }

/// A JSON object built member by member, in insertion order.
struct JSONObject {
    private var members: [String] = []

    mutating func add(_ key: String, _ value: String) { members.append(jsonString(key) + ":" + jsonString(value)) }
    mutating func add(_ key: String, _ value: Int) { members.append(jsonString(key) + ":" + String(value)) }
    mutating func addRaw(_ key: String, _ json: String) { members.append(jsonString(key) + ":" + json) }

    var text: String { "{" + members.joined(separator: ",") + "}" }
}
