package import VRRPWire

/// The pending gratuitous ARPs / unsolicited NAs of a master, paced as ``AnnouncementSettings`` says.
///
/// A pure value: ``start(now:settings:)`` queues the first burst and arms the second burst and the refresh;
/// ``poll(now:settings:addresses:into:)`` emits what is due. Messages go round-robin over the addresses, so a round
/// is one message per address.
package struct AnnouncementSchedule: Hashable, Sendable {
    /// Messages queued and not yet sent.
    package private(set) var pending = 0
    /// The address index of the next message.
    private var cursor = 0
    /// When the next queued message is due (meaningful while `pending > 0`).
    private var nextMessageAt = VRRPInstant.zero
    /// When the second burst is queued.
    package private(set) var secondBurstAt: VRRPInstant?
    /// When the next refresh is queued.
    package private(set) var nextRefreshAt: VRRPInstant?
    /// How many messages a round holds.
    private var roundSize = 0

    /// An empty schedule.
    package init() {}

    /// Starts the schedule of a new master: the first burst now, the second after `masterDelay`, refreshes.
    package mutating func start(now: VRRPInstant, settings: AnnouncementSettings, addressCount: Int) {
        self = AnnouncementSchedule()
        roundSize = addressCount
        guard addressCount > 0 else { return }
        enqueue(rounds: settings.masterRepeat, now: now)
        if settings.masterDelay > .zero { secondBurstAt = now + settings.masterDelay }
        if let refresh = settings.masterRefresh { nextRefreshAt = now + refresh }
    }

    /// Drops everything pending (the router stopped being master).
    package mutating func stop() { self = AnnouncementSchedule() }

    /// The earliest instant something is due, if any.
    package var nextDeadline: VRRPInstant? {
        var deadline: VRRPInstant? = pending > 0 ? nextMessageAt : nil
        if let second = secondBurstAt { deadline = min(deadline ?? second, second) }
        if let refresh = nextRefreshAt { deadline = min(deadline ?? refresh, refresh) }
        return deadline
    }

    /// Appends the messages due at `now`.
    package mutating func poll(
        now: VRRPInstant,
        settings: AnnouncementSettings,
        addresses: [IPAddress],
        into actions: inout [VirtualRouter.Action]
    ) {
        guard roundSize > 0, !addresses.isEmpty else { return }
        if let second = secondBurstAt, second <= now {
            secondBurstAt = nil
            enqueue(rounds: settings.masterRepeat, now: now)
        }
        if let refresh = nextRefreshAt, refresh <= now, let period = settings.masterRefresh {
            enqueue(rounds: settings.masterRefreshRepeat, now: now)
            var next = refresh + period
            while next <= now { next = next + period }
            nextRefreshAt = next
        }
        let spacing = settings.messageInterval.nanosecondCount
        while pending > 0, nextMessageAt <= now {
            let address = addresses[cursor % addresses.count]
            cursor = (cursor + 1) % addresses.count
            pending -= 1
            switch address {
            case .ipv4(let v4): actions.append(.sendGratuitousARP(v4))
            case .ipv6(let v6): actions.append(.sendNeighborAdvertisement(v6))
            }
            nextMessageAt = nextMessageAt.advanced(byNanoseconds: spacing)
        }
    }

    private mutating func enqueue(rounds: Int, now: VRRPInstant) {
        if pending == 0 {
            nextMessageAt = now
            cursor = 0
        }
        pending += rounds * roundSize
    }
}
