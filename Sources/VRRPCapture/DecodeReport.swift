public import VRRPWire

/// The report `vrrpctl decode` prints: one line per VRRP, ARP, Neighbor Advertisement or malformed frame, and a
/// summary per virtual router at the end. Text for people, JSON Lines for programs.
///
/// Feed it frames in capture order with ``record(_:number:into:)``; call ``beginFile(_:into:)`` before each
/// file so advertisement periods are never measured across files; finish with ``summary(into:)``.
public struct DecodeReport: Sendable {
    /// The output format.
    public enum Format: Hashable, Sendable {
        /// One human-readable line per frame, then an indented summary.
        case text
        /// One JSON object per line: `"kind"` is `vrrp`, `arp`, `na`, `malformed`, or `summary` for the last.
        case json
    }

    /// Frame counts by kind.
    public struct Counts: Hashable, Sendable {
        /// All frames recorded.
        public var frames = 0
        /// VRRP advertisements that decoded.
        public var advertisements = 0
        /// ARP packets.
        public var arp = 0
        /// Neighbor Advertisements.
        public var neighborAdvertisements = 0
        /// Malformed frames of any layer.
        public var malformed = 0
        /// Frames of other protocols (not shown).
        public var other = 0

        /// Counts from their values.
        public init(
            frames: Int = 0, advertisements: Int = 0, arp: Int = 0, neighborAdvertisements: Int = 0, malformed: Int = 0,
            other: Int = 0
        ) {
            self.frames = frames
            self.advertisements = advertisements
            self.arp = arp
            self.neighborAdvertisements = neighborAdvertisements
            self.malformed = malformed
            self.other = other
        }
    }

    /// The output format.
    public let format: Format
    /// The `auth_pass` octets (``AuthenticationData/octets``) to check keepalived AH ICVs with; nil leaves
    /// them unchecked. Each AH advert's line then says `icv ok` or why it failed.
    public var authenticationKey: [UInt8]?
    /// AH adverts whose ICV (or SPI) did not verify with ``authenticationKey``.
    public private(set) var integrityFailures = 0
    /// Frame counts so far.
    public private(set) var counts = Counts()
    /// Malformed frames whose VRID is unknown (broken below VRRP, or ARP / ICMPv6), by layer and code.
    public private(set) var unattributedErrors: [String: Int] = [:]
    private var summaries: [SummaryKey: VRIDSummary] = [:]
    private var lastAdvertisement: [SpeakerKey: CaptureTimestamp] = [:]
    private var file: String?
    private var fileCount = 0

    /// An empty report.
    public init(format: Format = .text) {
        self.format = format
    }

    /// The per-VRID summaries, ordered by VRID then family.
    public var vridSummaries: [VRIDSummary] {
        summaries.values.sorted {
            ($0.virtualRouterID, $0.family == .ipv4 ? 0 : 1) < ($1.virtualRouterID, $1.family == .ipv4 ? 0 : 1)
        }
    }

    /// Starts a new file: advert periods restart, and text output gets a heading from the second file on.
    public mutating func beginFile(_ path: String, into output: inout String) {
        file = path
        fileCount += 1
        lastAdvertisement.removeAll(keepingCapacity: true)
        if format == .text, fileCount > 1 { output += "== \(path)\n" }
    }

    /// Records one frame and appends its line, unless it is of another protocol.
    ///
    /// - Parameter number: the frame's 1-based number in its file, as Wireshark counts.
    public mutating func record(_ captured: CapturedFrame, number: Int, into output: inout String) {
        let frame = captured.decoded
        let verdict = authenticationKey.flatMap { Self.integrityVerdict(frame, bytes: captured.bytes, key: $0) }
        if let verdict, verdict != "ok" { integrityFailures += 1 }
        record(frame, timestamp: captured.timestamp, number: number, integrity: verdict, into: &output)
    }

    /// Records one decoded frame and appends its line, unless it is of another protocol.
    public mutating func record(_ frame: Frame, timestamp: CaptureTimestamp, number: Int, into output: inout String) {
        record(frame, timestamp: timestamp, number: number, integrity: nil, into: &output)
    }

    private mutating func record(
        _ frame: Frame, timestamp: CaptureTimestamp, number: Int, integrity: String?, into output: inout String
    ) {
        counts.frames += 1
        switch frame.packet {
        case .advertisement(let received):
            counts.advertisements += 1
            account(received, timestamp: timestamp)
        case .arp:
            counts.arp += 1
        case .neighborAdvertisement:
            counts.neighborAdvertisements += 1
        case .malformed(let error):
            counts.malformed += 1
            account(error)
        case .other:
            counts.other += 1
            return
        }
        switch format {
        case .text:
            output += Self.textLine(frame, timestamp: timestamp, number: number)
            if let integrity { output += " icv \(integrity)" }
        case .json:
            output += Self.jsonLine(frame, timestamp: timestamp, number: number, file: file, integrity: integrity)
        }
        output += "\n"
    }

    /// Appends the summary.
    public func summary(into output: inout String) {
        switch format {
        case .text: textSummary(into: &output)
        case .json: jsonSummary(into: &output)
        }
    }

    private mutating func account(_ received: ReceivedAdvertisement, timestamp: CaptureTimestamp) {
        let advertisement = received.advertisement
        let family = received.ip.endpoints.family
        let key = SummaryKey(virtualRouterID: advertisement.virtualRouterID, family: family)
        let speaker = SpeakerKey(summary: key, source: received.ip.endpoints.source)
        let period = lastAdvertisement[speaker].map { timestamp.duration(since: $0) }
        lastAdvertisement[speaker] = timestamp
        // Mutate the stored summary in place: a copy would make every append copy its arrays.
        summaries[key, default: VRIDSummary(virtualRouterID: key.virtualRouterID, family: family)]
            .record(received, period: period)
    }

    private mutating func account(_ error: FrameError) {
        if error.layer == .vrrp, let vrid = error.virtualRouterID, let ip = error.ip {
            let key = SummaryKey(virtualRouterID: vrid, family: ip.endpoints.family)
            summaries[key, default: VRIDSummary(virtualRouterID: vrid, family: ip.endpoints.family)]
                .errors[error.code, default: 0] += 1
        } else {
            unattributedErrors["\(error.layer) \(error.code)", default: 0] += 1
        }
    }

    private struct SummaryKey: Hashable, Sendable {
        var virtualRouterID: UInt8
        var family: AddressFamily
    }

    private struct SpeakerKey: Hashable, Sendable {
        var summary: SummaryKey
        var source: IPAddress
    }
}
