public import VRRPStateMachine
import VRRPWire

/// A seeded, deterministic simulation of virtual routers on shared LAN segments, driven by a virtual clock.
///
/// Routers are real ``VirtualRouter`` values. The clock jumps from one event to the next (a router deadline, a
/// packet arrival, a scheduled input or a change to the network); nothing depends on wall time, and the same seed
/// gives the same run. Adverts a router sends reach every other router on its segment, through the directed
/// link's ``LinkConditions`` (latency, jitter, loss, duplication), unless a partition separates the two.
/// Runs are bounded by a virtual end time and a maximum number of events.
public struct SimulatedLAN {
    /// A router's index in the simulation.
    public typealias NodeID = Int

    /// A change to the network at a scheduled instant.
    public enum NetworkChange: Hashable, Sendable {
        /// Split the nodes into groups that cannot hear each other (nodes not listed form one more group).
        case partition([[NodeID]])
        /// Join all groups again.
        case heal
        /// Set the conditions of every link.
        case setAllLinks(LinkConditions)
        /// Set the conditions of one directed link.
        case setLink(from: NodeID, to: NodeID, LinkConditions)
    }

    /// One state change seen during the run.
    public struct Transition: Hashable, Sendable {
        /// When it happened.
        public var time: VRRPInstant
        /// Which router changed.
        public var node: NodeID
        /// The state it left.
        public var from: VirtualRouter.State
        /// The state it entered.
        public var to: VirtualRouter.State
        /// Why.
        public var reason: VirtualRouter.TransitionReason
    }

    /// One action of one router, kept when ``recordsActions`` is on.
    public struct TraceEntry: Hashable, Sendable {
        /// When the router emitted it.
        public var time: VRRPInstant
        /// Which router.
        public var node: NodeID
        /// The action.
        public var action: VirtualRouter.Action
    }

    /// A queued event. The large payloads are boxed so that heap entries stay a few words long.
    private enum Pending {
        case timer(NodeID)
        indirect case deliver(NodeID, VirtualRouter.ReceivedAdvertisement)
        indirect case input(NodeID, VirtualRouter.Event)
        indirect case network(NetworkChange)
    }

    /// The routers, by node ID.
    public private(set) var routers: [VirtualRouter] = []
    /// Each node's segment.
    public private(set) var segments: [Int] = []
    /// The virtual clock.
    public private(set) var now: VRRPInstant
    /// Every state change so far, in order.
    public private(set) var transitions: [Transition] = []
    /// Every action so far, when ``recordsActions`` is on.
    public private(set) var trace: [TraceEntry] = []
    /// Whether to keep every action in ``trace`` (off by default: long runs would hold millions).
    public var recordsActions = false
    /// Encode each advert to bytes and decode it at the receiver, so the codec is in the loop.
    public var usesWireFormat = false
    /// Adverts sent, deliveries made, packets lost, events processed.
    public private(set) var counts = Counts()
    /// The seed of the run, printed by tests when a property fails.
    public let seed: UInt64

    /// Tallies of a run.
    public struct Counts: Hashable, Sendable {
        /// Adverts routers sent.
        public var advertisementsSent = 0
        /// Copies delivered to routers.
        public var deliveries = 0
        /// Copies dropped by loss or partitions.
        public var dropped = 0
        /// Events processed.
        public var events = 0
    }

    private var random: SeededGenerator
    private var queue = EventHeap<Pending>()
    private var armedDeadline: [Int64?] = []
    private var defaultLink: LinkConditions
    private var links: [Int: LinkConditions] = [:]
    private var group: [Int] = []
    private var segmentMembers: [Int: [NodeID]] = [:]
    /// Whether each node currently holds its virtual addresses.
    public private(set) var holdsAddresses: [Bool] = []

    /// An empty LAN with a seed, a start time and the conditions of links not set otherwise.
    public init(seed: UInt64, start: VRRPInstant = .zero, defaultLink: LinkConditions = LinkConditions()) {
        self.seed = seed
        self.random = SeededGenerator(seed: seed)
        self.now = start
        self.defaultLink = defaultLink
    }

    /// Adds a router (in Initialize) on a segment and returns its node ID.
    @discardableResult
    public mutating func addRouter(
        _ configuration: VirtualRouter.Configuration,
        segment: Int = 0
    ) throws(ConfigurationError) -> NodeID {
        let router = try VirtualRouter(configuration: configuration)
        let id = routers.count
        routers.append(router)
        segments.append(segment)
        armedDeadline.append(nil)
        group.append(0)
        holdsAddresses.append(false)
        segmentMembers[segment, default: []].append(id)
        return id
    }

    /// Schedules an input to a router.
    public mutating func schedule(_ event: VirtualRouter.Event, for node: NodeID, at time: VRRPInstant) {
        queue.push(time: max(time, now).nanoseconds, .input(node, event))
    }

    /// Schedules a change to the network.
    public mutating func schedule(_ change: NetworkChange, at time: VRRPInstant) {
        queue.push(time: max(time, now).nanoseconds, .network(change))
    }

    /// The conditions of a directed link.
    public func link(from: NodeID, to: NodeID) -> LinkConditions {
        links[from &* 1_000_003 &+ to] ?? defaultLink
    }

    /// Whether the network is currently partitioned.
    public var isPartitioned: Bool { group.contains { $0 != 0 } }

    /// The nodes currently in Master.
    public var masters: [NodeID] { routers.indices.filter { routers[$0].state == .master } }

    /// Runs until the virtual clock reaches `end` or `maxEvents` events were processed.
    ///
    /// - Returns: true when the run reached `end`; false when it stopped at the event bound.
    @discardableResult
    public mutating func run(until end: VRRPInstant, maxEvents: Int = 10_000_000) -> Bool {
        var processed = 0
        while let first = queue.firstTime, first <= end.nanoseconds {
            guard processed < maxEvents else { return false }
            processed += 1
            guard let entry = queue.pop() else { break }
            now = VRRPInstant(nanoseconds: entry.time)
            counts.events += 1
            switch entry.payload {
            case .timer(let node):
                guard armedDeadline[node] == entry.time else { continue }
                armedDeadline[node] = nil
                if let deadline = routers[node].nextDeadline, deadline > now {
                    // The deadline moved later since this entry was queued: queue it again, nothing is due.
                    arm(node)
                    continue
                }
                let actions = routers[node].handleTimeouts(now: now)
                carryOut(actions, of: node)
            case .deliver(let node, let received):
                counts.deliveries += 1
                let actions = routers[node].handle(.advertisementReceived(received), now: now)
                carryOut(actions, of: node)
            case .input(let node, let event):
                let actions = routers[node].handle(event, now: now)
                carryOut(actions, of: node)
            case .network(let change):
                apply(change)
            }
        }
        if end > now { now = end }
        return true
    }

    private mutating func apply(_ change: NetworkChange) {
        switch change {
        case .partition(let groups):
            for index in group.indices { group[index] = 0 }
            for (number, members) in groups.enumerated() {
                for node in members where group.indices.contains(node) { group[node] = number + 1 }
            }
        case .heal:
            for index in group.indices { group[index] = 0 }
        case .setAllLinks(let conditions):
            defaultLink = conditions
            links = [:]
        case .setLink(let from, let to, let conditions):
            links[from &* 1_000_003 &+ to] = conditions
        }
    }

    private mutating func carryOut(_ actions: [VirtualRouter.Action], of node: NodeID) {
        for action in actions {
            if recordsActions { trace.append(TraceEntry(time: now, node: node, action: action)) }
            switch action {
            case .sendAdvertisement(let advert):
                counts.advertisementsSent += 1
                broadcast(advert, from: node)
            case .addAddresses:
                holdsAddresses[node] = true
            case .removeAddresses:
                holdsAddresses[node] = false
            case .stateChanged(let from, let to, let reason):
                transitions.append(Transition(time: now, node: node, from: from, to: to, reason: reason))
            case .sendGratuitousARP, .sendNeighborAdvertisement, .discarded, .configurationRejected:
                break
            }
        }
        arm(node)
    }

    /// Keeps one queue entry per router at or before its deadline. A deadline that moves later (a backup's
    /// master-down timer restarted by each advert) leaves the earlier entry in place, which re-queues itself when
    /// it comes up: one heap entry per Master_Down_Interval instead of one per advert.
    private mutating func arm(_ node: NodeID) {
        guard let deadline = routers[node].nextDeadline?.nanoseconds else { return }
        if let armed = armedDeadline[node], armed <= deadline { return }
        let time = max(deadline, now.nanoseconds)
        armedDeadline[node] = time
        queue.push(time: time, .timer(node))
    }

    private mutating func broadcast(_ advert: Advertisement, from node: NodeID) {
        guard let source = routers[node].configuration.primaryAddress,
            let members = segmentMembers[segments[node]]
        else { return }
        for peer in members where peer != node {
            guard group[peer] == group[node] else {
                counts.dropped += 1
                continue
            }
            let conditions = link(from: node, to: peer)
            if random.chance(conditions.loss) {
                counts.dropped += 1
                continue
            }
            let copies = random.chance(conditions.duplication) ? 2 : 1
            for _ in 0..<copies {
                let received = receivedCopy(advert, source: source)
                var delay = conditions.latency.nanosecondCount
                let jitter = conditions.jitter.nanosecondCount
                if jitter > 0 { delay += Int64(random.next() % UInt64(jitter + 1)) }
                switch received {
                case .success(let copy): queue.push(time: now.nanoseconds + delay, .deliver(peer, copy))
                case .failure(let error):
                    queue.push(time: now.nanoseconds + delay, .input(peer, .malformedPacketReceived(error)))
                }
            }
        }
    }

    private func receivedCopy(
        _ advert: Advertisement,
        source: IPAddress
    ) -> Result<VirtualRouter.ReceivedAdvertisement, WireError> {
        guard usesWireFormat else { return .success(VirtualRouter.ReceivedAdvertisement(advert, from: source)) }
        let endpoints = IPEndpoints.multicast(from: source)
        do {
            // VRRPv2 over IPv6 exists only in keepalived's format, which the node's socket sends for it.
            let variant: ChecksumVariant? =
                advert.version == .v2 && endpoints.family == .ipv6 ? .keepalivedVersion2OverIPv6 : nil
            let bytes = try advert.encoded(endpoints: endpoints, checksumVariant: variant)
            let decoded = try Advertisement.decode(bytes, endpoints: endpoints)
            return .success(VirtualRouter.ReceivedAdvertisement(decoded.advertisement, from: source))
        } catch {
            return .failure(error)
        }
    }
}
