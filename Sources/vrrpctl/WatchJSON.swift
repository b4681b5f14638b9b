import FoundationEssentials
import VRRPCapture
import VRRPWire

/// The JSON Lines of `vrrpctl watch --json`: `problem` objects as problems appear, `routers` snapshots (live,
/// every refresh), and a final `summary` (with --pcap, or when a live watch ends).
enum WatchJSON {
    struct Problem: Encodable {
        var type = "problem"
        var kind: String
        var vrid: Int
        var family: String
        var speakers: [String]
        var detail: String
        var at: String
    }

    struct Speaker: Encodable {
        var address: String
        var priority: Int
        var version: Int
        var intervalMs: Int
        var advertisements: Int
        var periodMs: Double?
        var jitterMs: Double?
        var ttl: Int
        var authentication: String
        var addresses: [String]
        var firstSeen: String
        var lastSeen: String
        var released: Bool
    }

    struct Router: Encodable {
        var vrid: Int
        var family: String
        var master: String?
        var advertising: [String]
        var splitBrain: Bool
        var masterSilent: Bool
        var speakers: [Speaker]
    }

    struct Snapshot: Encodable {
        var type: String
        var at: String?
        var frames: Int
        var advertisements: Int
        var problems: Int
        var routers: [Router]
    }

    static func line(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func problem(_ problem: SegmentProblem) -> String {
        line(
            Problem(
                kind: problem.kind.rawValue, vrid: Int(problem.virtualRouterID), family: family(problem.family),
                speakers: problem.speakers.map(\.description), detail: problem.detail, at: problem.at.description))
    }

    static func snapshot(_ watcher: SegmentWatcher, type: String) -> String {
        let routers = watcher.routers.map { router in
            Router(
                vrid: Int(router.virtualRouterID), family: family(router.family),
                master: router.master?.description, advertising: router.advertising.map(\.description),
                splitBrain: router.splitBrain, masterSilent: router.masterSilent,
                speakers: router.speakers.map { speaker in
                    Speaker(
                        address: speaker.address.description, priority: Int(speaker.priority),
                        version: Int(speaker.version.rawValue), intervalMs: Int(speaker.interval.centiseconds) * 10,
                        advertisements: speaker.advertisements, periodMs: speaker.meanPeriod.map(milliseconds),
                        jitterMs: speaker.jitter.map(milliseconds), ttl: Int(speaker.hopLimit),
                        authentication: speaker.authentication, addresses: speaker.addresses.map(\.description),
                        firstSeen: speaker.firstSeen.description, lastSeen: speaker.lastSeen.description,
                        released: speaker.released)
                })
        }
        return line(
            Snapshot(
                type: type, at: watcher.now?.description, frames: watcher.frames,
                advertisements: watcher.advertisements, problems: watcher.problems.count, routers: routers))
    }

    static func family(_ family: AddressFamily) -> String { family == .ipv4 ? "ipv4" : "ipv6" }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }
}
