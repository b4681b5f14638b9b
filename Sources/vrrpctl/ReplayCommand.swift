import ArgumentParser
import VRRPCapture
import VRRPStateMachine
import VRRPTestSupport
import VRRPWire

/// `vrrpctl replay`: what a router would have done on the segment a capture recorded.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Feed a capture's adverts, with their timestamps, into a listening router and print its transitions.",
        discussion: """
            The router starts as backup at the first frame. One line per transition: the time since the first \
            frame, the capture's clock time, from → to, the reason, and the advert that caused it (frame number, \
            sender, priority) or `timer`. Exit status 0; 1 when the file cannot be read.
            """
    )

    @Argument(help: "A pcap or pcapng file.")
    var file: String

    @Option(help: "The virtual router id (1–255).")
    var vrid: UInt8

    @Option(help: "The listening router's priority (1–255).")
    var priority: UInt8 = 100

    @Option(name: .customLong("address"), help: "A virtual address of the router (repeat for more).")
    var addresses: [String] = []

    @Option(help: "The router's own primary address (the tie-breaker at equal priority; default 0.0.0.0 / ::).")
    var source: String?

    @Option(help: "The VRRP version, 2 or 3.")
    var version: UInt8 = 3

    @Option(help: "The advertisement interval in seconds (e.g. 1, 0.01).")
    var interval: Double = 1

    @Flag(help: "Do not preempt a lower-priority master.")
    var nopreempt = false

    @Flag(help: "Print JSON lines instead of text.")
    var json = false

    func validate() throws {
        guard vrid > 0 else { throw ValidationError("--vrid must be 1–255") }
        guard priority > 0 else { throw ValidationError("--priority must be 1–255") }
        guard version == 2 || version == 3 else { throw ValidationError("--version must be 2 or 3") }
        guard interval >= 0.01, interval <= 40.95 else { throw ValidationError("--interval must be 0.01–40.95 s") }
        for address in addresses where IPAddress(address) == nil {
            throw ValidationError("--address \(address) is not an IPv4 or IPv6 address")
        }
        if let source, IPAddress(source) == nil {
            throw ValidationError("--source \(source) is not an IPv4 or IPv6 address")
        }
    }

    func run() throws {
        let virtualAddresses = addresses.compactMap(IPAddress.init)
        let family = virtualAddresses.first?.family ?? source.flatMap(IPAddress.init)?.family ?? .ipv4
        let configuration = VirtualRouter.Configuration(
            virtualRouterID: vrid, family: family, version: VRRPVersion(rawValue: version), priority: priority,
            advertisementInterval: AdvertisementInterval(centiseconds: UInt16((interval * 100).rounded())),
            virtualAddresses: virtualAddresses, primaryAddress: source.flatMap(IPAddress.init),
            preemptMode: !nopreempt)
        let frames: [CapturedFrame]
        do {
            frames = try PcapReader.readAll(path: file)
        } catch {
            StandardError.write("vrrpctl replay: \(error)\n")
            throw ExitCode(1)
        }
        let result: PcapReplay.Result
        do {
            result = try PcapReplay(configuration: configuration).run(frames)
        } catch {
            throw ValidationError("the router configuration is invalid: \(error)")
        }
        for transition in result.transitions {
            let cause =
                transition.trigger.map { "frame \($0.frameNumber) from \($0.source) p=\($0.priority)" } ?? "timer"
            if json {
                // Keys in sorted order, as before.
                let frame = transition.trigger.map { String($0.frameNumber) } ?? "null"
                print(
                    "{\"frame\":\(frame),\"from\":\(jsonStringLiteral("\(transition.from)")),"
                        + "\"offset_seconds\":\(Self.seconds(transition.offset, signed: false)),"
                        + "\"reason\":\(jsonStringLiteral("\(transition.reason)")),"
                        + "\"timestamp\":\(jsonStringLiteral(transition.timestamp.description)),"
                        + "\"to\":\(jsonStringLiteral("\(transition.to)"))}")
            } else {
                let offset = Self.seconds(transition.offset, signed: true) + "s"
                print(
                    "\(offset)  \(transition.timestamp)  \(transition.from) → \(transition.to)  (\(transition.reason); \(cause))"
                )
            }
        }
        if !json {
            print(
                "replayed \(result.advertisementsReplayed) adverts of VRID \(vrid), \(result.malformedFrames) malformed"
            )
        }
    }

    /// A duration in seconds with six decimals (`%.6f`, or `%+.6f` when `signed`), without Foundation.
    static func seconds(_ duration: Duration, signed: Bool) -> String {
        let (seconds, attoseconds) = duration.components
        // Microseconds, rounded half away from zero.
        let total =
            seconds * 1_000_000 + (attoseconds + (attoseconds >= 0 ? 500_000_000_000 : -500_000_000_000))
            / 1_000_000_000_000
        let magnitude = total.magnitude
        let fraction = String(magnitude % 1_000_000)
        let sign = total < 0 ? "-" : (signed ? "+" : "")
        return sign + String(magnitude / 1_000_000) + "." + String(repeating: "0", count: 6 - fraction.count) + fraction
    }
}
