public import VRRPCapture
public import VRRPStateMachine
public import VRRPWire

/// Replays the adverts of a capture, with their real timestamps, into one listening virtual router and reports
/// when it would have changed state and why.
///
/// The router starts (Initialize → Backup) at the first frame's timestamp. Before each advert of its VRID it
/// runs every timer that would have expired by then; after the last frame it runs its timers on for
/// `tail` (by default two Master_Down_Intervals), so a silent master at the end of the capture is noticed.
/// Adverts the router itself would send are not injected into the capture's timeline.
public struct PcapReplay: Sendable {
    /// One transition of the replayed router.
    public struct Transition: Hashable, Sendable {
        /// When, as a capture timestamp.
        public var timestamp: CaptureTimestamp
        /// The time since the first frame.
        public var offset: Duration
        /// The state left.
        public var from: VirtualRouter.State
        /// The state entered.
        public var to: VirtualRouter.State
        /// Why.
        public var reason: VirtualRouter.TransitionReason
        /// The advert that triggered it, or nil for a timer.
        public var trigger: Trigger?
    }

    /// The advert behind a transition.
    public struct Trigger: Hashable, Sendable {
        /// The frame's number in the capture, from 1 as tshark counts.
        public var frameNumber: Int
        /// The advert's sender.
        public var source: IPAddress
        /// The advert's priority.
        public var priority: UInt8
    }

    /// What a replay saw.
    public struct Result: Hashable, Sendable {
        /// The router's transitions in order.
        public var transitions: [Transition]
        /// Adverts of the router's VRID that were fed in.
        public var advertisementsReplayed: Int
        /// Frames of the router's VRID that failed to decode (fed in as malformed packets).
        public var malformedFrames: Int
        /// The router's counters at the end.
        public var statistics: VirtualRouter.Statistics
    }

    /// The listening router's configuration.
    public var configuration: VirtualRouter.Configuration

    /// A replay into a router with this configuration.
    public init(configuration: VirtualRouter.Configuration) {
        self.configuration = configuration
    }

    /// Replays frames (in capture order); `tail` is how long the router runs on after the last frame.
    public func run(_ frames: [CapturedFrame], tail: Duration? = nil) throws(ConfigurationError) -> Result {
        var router = try VirtualRouter(configuration: configuration)
        var transitions: [Transition] = []
        guard let first = frames.first?.timestamp else {
            return Result(transitions: [], advertisementsReplayed: 0, malformedFrames: 0, statistics: router.statistics)
        }
        func instant(_ timestamp: CaptureTimestamp) -> VRRPInstant {
            VRRPInstant(nanoseconds: timestamp.nanosecondsSinceEpoch)
        }
        func record(_ actions: [VirtualRouter.Action], at now: VRRPInstant, trigger: Trigger?) {
            for case .stateChanged(let from, let to, let reason) in actions {
                let timestamp = CaptureTimestamp(nanosecondsSinceEpoch: now.nanoseconds)
                transitions.append(
                    Transition(
                        timestamp: timestamp, offset: timestamp.duration(since: first), from: from, to: to,
                        reason: reason, trigger: trigger))
            }
        }
        func runTimers(until limit: VRRPInstant) {
            var guardCount = 0
            while let deadline = router.nextDeadline, deadline <= limit, guardCount < 1_000_000 {
                record(router.handleTimeouts(now: deadline), at: deadline, trigger: nil)
                guardCount += 1
            }
        }

        let start = instant(first)
        record(router.handle(.interfaceStateChanged(isUp: true), now: start), at: start, trigger: nil)
        // A listener without an address of its own uses the unspecified one: it loses every tie, and it is not the
        // "no usable address" fault a missing primary address means to a running router.
        let primary =
            configuration.primaryAddress ?? (configuration.family == .ipv4 ? .ipv4(.any) : .ipv6(.any))
        record(router.handle(.primaryAddressChanged(primary), now: start), at: start, trigger: nil)
        record(router.handle(.startup, now: start), at: start, trigger: nil)

        var replayed = 0
        var malformed = 0
        var last = start
        for (index, frame) in frames.enumerated() {
            let now = max(instant(frame.timestamp), last)
            last = now
            let event: VirtualRouter.Event
            let trigger: Trigger?
            switch frame.decoded.packet {
            case .advertisement(let received):
                guard received.advertisement.virtualRouterID == configuration.virtualRouterID,
                    received.ip.endpoints.family == configuration.family
                else { continue }
                event = .advertisementReceived(
                    VirtualRouter.ReceivedAdvertisement(
                        received.advertisement, from: received.ip.endpoints.source,
                        to: received.ip.endpoints.destination, hopLimit: received.ip.hopLimit))
                trigger = Trigger(
                    frameNumber: index + 1, source: received.ip.endpoints.source,
                    priority: received.advertisement.priority)
                replayed += 1
            case .malformed(let error):
                guard error.virtualRouterID == configuration.virtualRouterID else { continue }
                event = .malformedPacketReceived(error.error)
                trigger = nil
                malformed += 1
            case .arp, .neighborAdvertisement, .other:
                continue
            }
            runTimers(until: now)
            record(router.handle(event, now: now), at: now, trigger: trigger)
        }
        let runOn = tail ?? (router.masterDownInterval + router.masterDownInterval)
        runTimers(until: last + runOn)
        return Result(
            transitions: transitions, advertisementsReplayed: replayed, malformedFrames: malformed,
            statistics: router.statistics)
    }
}
