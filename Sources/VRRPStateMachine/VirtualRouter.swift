public import VRRPWire

/// One VRRP virtual router — one (VRID, address family, interface) — as a deterministic value.
///
/// ```
///                        +---------------+
///             +--------->|               |<-------------+
///             |          |  Initialize   |              |
///             |   +------|               |----------+   |
///             |   |      +---------------+          |   |
///             |   |  startup, p < 255    startup, p = 255
///             |   V                                 V   |
///     +---------------+   master down timer  +---------------+
///     |               |--------------------->|               |
///     |    Backup     |                      |    Master     |
///     |               |<---------------------|               |
///     +---------------+  higher priority     +---------------+
///             |   ^      (or equal from a         |   ^
///             |   |       higher address)         |   |
///       fault |   | fault cleared                 |   | fault cleared (p = 255)
///             V   |                               V   |
///     +-----------------------------------------------------+
///     |                         Fault                       |
///     +-----------------------------------------------------+
///   (RFC 5798 §6.4 Initialize/Backup/Master; Fault as keepalived adds it; shutdown returns to Initialize.)
/// ```
///
/// ## Calling contract
/// - Inputs are ``handle(_:now:)`` for ``Event``s and ``handleTimeouts(now:)`` for timer expiry. Both return the
///   ``Action``s to carry out, in order. There are no callbacks, no clock reads and no I/O.
/// - ``nextDeadline`` is the instant by which ``handleTimeouts(now:)`` must next be called (nil: no timer runs).
///   Calling early, or twice, is harmless: timers that are not due do nothing.
/// - `now` never goes backwards between calls (a precondition: it is the caller's clock, not peer input).
/// - Peer input never traps: a bad packet becomes a ``DiscardReason`` and a counter in ``statistics``.
/// - Timer arithmetic is integer nanoseconds, in ``VRRPTimers``.
public struct VirtualRouter: Sendable {
    /// The configuration in force.
    public internal(set) var configuration: Configuration
    /// The MIB counters.
    public internal(set) var statistics = Statistics()
    /// Master_Adver_Interval: learned from the master in VRRPv3 Backup, our own otherwise (RFC 5798 §6.1).
    public internal(set) var masterAdverInterval: AdvertisementInterval
    /// The priority after tracking (what adverts carry and Skew_Time uses).
    public internal(set) var effectivePriority: UInt8
    /// The source of the last advert accepted in Backup, or our own primary address as Master.
    public internal(set) var currentMaster: IPAddress?
    /// The priority the current master advertised (our effective priority as Master); nil when unknown.
    public internal(set) var currentMasterPriority: UInt8?

    /// The protocol phase with its timer.
    var phase: Phase
    /// Each tracked item's reading (1 / 0 for a condition's up / down), aligned with `configuration.trackedItems`.
    var trackedReadings: [Int]
    /// Whether the interface is up.
    var interfaceIsUp = true
    /// Whether the sync group holds this router in Fault.
    var heldBySyncGroup = false
    /// The gratuitous ARP / NA schedule while Master.
    var announcements = AnnouncementSchedule()
    /// Until when a Backup still accepts adverts of lower priority (`preempt_delay`).
    var preemptAllowedAt: VRRPInstant?
    /// The end of keepalived's `vrrp_startup_delay` (``Event/delayedStartup(until:)``): until then the router is a
    /// Backup whose master-down timer runs from this instant, not from now. Nil once passed.
    var startupHoldUntil: VRRPInstant?
    /// The last `now` seen.
    var lastNow = VRRPInstant(nanoseconds: .min)
    /// The addresses adverts carry, in order.
    var advertisedAddresses: VirtualAddressList
    /// Virtual then excluded addresses: what Master adds, removes and announces.
    var ownedAddresses: [IPAddress]

    /// The phases, each with the timer it runs.
    enum Phase: Hashable, Sendable {
        case initialize
        case backup(masterDownTimer: VRRPInstant)
        case master(adverTimer: VRRPInstant)
        case fault
    }

    /// A router in Initialize; send ``Event/startup`` to start it.
    ///
    /// - Throws: ``ConfigurationError`` naming the first invalid setting.
    public init(configuration: Configuration) throws(ConfigurationError) {
        try configuration.validate()
        self.configuration = configuration
        self.masterAdverInterval = configuration.advertisementInterval
        self.trackedReadings = configuration.trackedItems.map(\.initialReading)
        self.effectivePriority = TrackedPriority.effectivePriority(
            base: configuration.priority, items: configuration.trackedItems, readings: trackedReadings)
        self.phase = .initialize
        self.advertisedAddresses = configuration.advertisedAddresses
        self.ownedAddresses = configuration.virtualAddresses + configuration.excludedAddresses
    }

    /// The current state.
    public var state: State {
        switch phase {
        case .initialize: .initialize
        case .backup: .backup
        case .master: .master
        case .fault: .fault
        }
    }

    /// When ``handleTimeouts(now:)`` must next be called; nil when no timer runs.
    public var nextDeadline: VRRPInstant? {
        switch phase {
        case .initialize, .fault:
            return nil
        case .backup(let masterDownTimer):
            return masterDownTimer
        case .master(let adverTimer):
            guard let announcement = announcements.nextDeadline else { return adverTimer }
            return min(adverTimer, announcement)
        }
    }

    /// The master-down timer while Backup.
    public var masterDownTimer: VRRPInstant? {
        switch phase {
        case .backup(let timer): timer
        case .initialize, .master, .fault: nil
        }
    }

    /// The advertisement timer while Master.
    public var adverTimer: VRRPInstant? {
        switch phase {
        case .master(let timer): timer
        case .initialize, .backup, .fault: nil
        }
    }

    /// Skew_Time for the effective priority and Master_Adver_Interval.
    public var skewTime: Duration {
        VRRPTimers.skewTime(
            priority: effectivePriority, masterAdverInterval: masterAdverInterval, version: configuration.version)
    }

    /// Master_Down_Interval for the effective priority and Master_Adver_Interval.
    public var masterDownInterval: Duration { .nanoseconds(masterDownIntervalNanoseconds) }

    var masterDownIntervalNanoseconds: Int64 {
        VRRPTimers.masterDownIntervalNanoseconds(
            priority: effectivePriority, masterAdverInterval: masterAdverInterval, version: configuration.version,
            adverts: configuration.downTimerAdverts)
    }

    /// The master-down timer a Backup arms at `now`: Master_Down_Interval from `start` (now, or when the advert
    /// that resets it arrived), or, while the startup delay runs, from its end (keepalived's
    /// `vrrp_init_instance_sands`).
    mutating func masterDownDeadline(now: VRRPInstant, from start: VRRPInstant? = nil) -> VRRPInstant {
        if let hold = startupHoldUntil {
            if now < hold { return hold.advanced(byNanoseconds: masterDownIntervalNanoseconds) }
            startupHoldUntil = nil
        }
        return (start ?? now).advanced(byNanoseconds: masterDownIntervalNanoseconds)
    }

    /// When an advert handled at `now` counts as received: its arrival, no later than `now` and no earlier than
    /// one Master_Adver_Interval before it (``ReceivedAdvertisement/arrivedAt``).
    func receiptInstant(of received: ReceivedAdvertisement, now: VRRPInstant) -> VRRPInstant {
        guard let arrivedAt = received.arrivedAt, arrivedAt < now else { return now }
        let earliest = now.advanced(byNanoseconds: -masterAdverInterval.nanoseconds)
        return max(arrivedAt, earliest)
    }

    /// Every fault cause that holds now, in a fixed order.
    public var faultCauses: [FaultCause] {
        var causes: [FaultCause] = []
        if !interfaceIsUp { causes.append(.interfaceDown) }
        if configuration.primaryAddress == nil { causes.append(.noUsableAddress) }
        if configuration.faultWithoutUnicastPeers, configuration.unicastPeers.isEmpty {
            causes.append(.noUnicastPeers)
        }
        for (item, reading) in zip(configuration.trackedItems, trackedReadings)
        where TrackedPriority.causesFault(item, reading: reading) {
            causes.append(.trackedItem(item.name))
        }
        if heldBySyncGroup { causes.append(.syncGroup) }
        return causes
    }

    /// Whether a fault of the router's own (not the sync group's) holds: what its ``SyncGroup`` needs to know.
    public var hasOwnFault: Bool { faultCauses.contains { $0 != .syncGroup } }

    /// Whether each tracked item is currently up (a value: not 0), by name.
    public var trackedItemStates: [String: Bool] {
        Dictionary(uniqueKeysWithValues: zip(configuration.trackedItems.map(\.name), trackedReadings.map { $0 != 0 }))
    }

    /// Each tracked item's current reading (1 / 0 for a condition's up / down, the number for a value), by name.
    public var trackedItemReadings: [String: Int] {
        Dictionary(uniqueKeysWithValues: zip(configuration.trackedItems.map(\.name), trackedReadings))
    }

    // MARK: - Inputs

    /// Handles one event at `now` and returns the actions to carry out, in order.
    public mutating func handle(_ event: Event, now: VRRPInstant) -> [Action] {
        advanceClock(to: now)
        switch event {
        case .startup:
            guard case .initialize = phase else { return [] }
            var actions: [Action] = []
            start(now: now, from: .initialize, into: &actions)
            return actions
        case .delayedStartup(let until):
            guard case .initialize = phase else { return [] }
            startupHoldUntil = until > now ? until : nil
            var actions: [Action] = []
            start(now: now, from: .initialize, into: &actions)
            return actions
        case .shutdown:
            return shutdown(now: now)
        case .advertisementReceived(let received):
            return receive(received, now: now)
        case .malformedPacketReceived(let error):
            return malformed(error)
        case .interfaceStateChanged(let isUp):
            guard isUp != interfaceIsUp else { return [] }
            interfaceIsUp = isUp
            return reevaluateFault(now: now)
        case .primaryAddressChanged(let address):
            if let address, address.family != configuration.family { return [] }
            guard address != configuration.primaryAddress else { return [] }
            configuration.primaryAddress = address
            return reevaluateFault(now: now)
        case .trackedItemChanged(let name, let isUp):
            return trackedItemRead(name: name, reading: TrackedItem.reading(isUp: isUp), now: now)
        case .trackedItemValueChanged(let name, let value):
            return trackedItemRead(name: name, reading: value, now: now)
        case .configurationChanged(let newConfiguration):
            return reconfigure(newConfiguration, now: now)
        case .syncGroup(let directive):
            return follow(directive, now: now)
        case .virtualAddressLost(let address):
            guard case .master = phase, ownedAddresses.contains(address) else { return [] }
            return stepDown(now: now, reason: .virtualAddressLost(address))
        case .virtualRouteLost(let item):
            guard case .master = phase else { return [] }
            return stepDown(now: now, reason: .virtualRouteLost(item))
        }
    }

    /// Runs the timers due at `now` and returns the actions to carry out; a no-op when nothing is due.
    public mutating func handleTimeouts(now: VRRPInstant) -> [Action] {
        advanceClock(to: now)
        var actions: [Action] = []
        switch phase {
        case .initialize, .fault:
            return actions
        case .backup(let masterDownTimer):
            if masterDownTimer <= now {
                becomeMaster(now: now, from: .backup, reason: .masterDownTimerExpired, into: &actions)
            }
        case .master(let adverTimer):
            if adverTimer <= now {
                sendAdvertisement(into: &actions)
                // Anchored to the deadline, not to `now`: a late wake-up must not delay every later advert (no
                // drift). After a stall longer than an interval, restart from now rather than send a burst.
                let interval = configuration.advertisementInterval.nanoseconds
                let next = adverTimer.advanced(byNanoseconds: interval)
                phase = .master(adverTimer: next > now ? next : now.advanced(byNanoseconds: interval))
            }
            announcements.poll(
                now: now, settings: configuration.announcements, addresses: ownedAddresses, into: &actions)
        }
        return actions
    }

    mutating func advanceClock(to now: VRRPInstant) {
        precondition(now >= lastNow, "now went backwards: \(now) after \(lastNow)")
        lastNow = now
    }

    // MARK: - Transitions

    /// Startup, or leaving Fault (RFC 5798 §6.4.1): owner → Master, otherwise → Backup; Fault if a cause holds.
    mutating func start(now: VRRPInstant, from previous: State, into actions: inout [Action]) {
        if let cause = faultCauses.first {
            if previous != .fault {
                phase = .fault
                actions.append(.stateChanged(from: previous, to: .fault, reason: .fault(cause)))
            }
            return
        }
        // During the startup delay even the address owner starts as Backup, as keepalived's do.
        if configuration.isAddressOwner, startupHoldUntil.map({ now >= $0 }) ?? true {
            becomeMaster(
                now: now, from: previous, reason: previous == .fault ? .faultCleared : .addressOwner,
                into: &actions)
            return
        }
        masterAdverInterval = configuration.advertisementInterval
        currentMaster = nil
        currentMasterPriority = nil
        phase = .backup(masterDownTimer: masterDownDeadline(now: now))
        preemptAllowedAt = configuration.preemptDelay > .zero ? now + configuration.preemptDelay : nil
        actions.append(
            .stateChanged(from: previous, to: .backup, reason: previous == .fault ? .faultCleared : .startup))
    }

    /// Becoming Master, in RFC order: advert, addresses, announcements, then the report.
    mutating func becomeMaster(
        now: VRRPInstant,
        from previous: State,
        reason: TransitionReason,
        into actions: inout [Action]
    ) {
        masterAdverInterval = configuration.advertisementInterval
        sendAdvertisement(into: &actions)
        actions.append(.addAddresses(ownedAddresses))
        announcements.start(now: now, settings: configuration.announcements, addressCount: ownedAddresses.count)
        announcements.poll(now: now, settings: configuration.announcements, addresses: ownedAddresses, into: &actions)
        phase = .master(adverTimer: now.advanced(byNanoseconds: configuration.advertisementInterval.nanoseconds))
        preemptAllowedAt = nil
        currentMaster = configuration.primaryAddress
        currentMasterPriority = effectivePriority
        statistics.masterTransitions += 1
        actions.append(.stateChanged(from: previous, to: .master, reason: reason))
    }

    /// Master → Backup: release the addresses and listen.
    mutating func becomeBackup(
        now: VRRPInstant,
        reason: TransitionReason,
        newMaster: IPAddress?,
        into actions: inout [Action]
    ) {
        announcements.stop()
        actions.append(.removeAddresses(ownedAddresses))
        currentMaster = newMaster
        currentMasterPriority = nil
        statistics.masterReleases += 1
        phase = .backup(masterDownTimer: masterDownDeadline(now: now))
        actions.append(.stateChanged(from: .master, to: .backup, reason: reason))
    }

    /// Master → Backup because something it installed was deleted behind its back, as keepalived's
    /// `set_vrrp_backup`: priority 0 first (so a backup gets ready within its Skew_Time), the addresses off, and its
    /// own master-down timer at Skew_Time, so that without a better master it takes over again, reinstalling
    /// everything, sooner than any backup would.
    mutating func stepDown(now: VRRPInstant, reason: TransitionReason) -> [Action] {
        var actions: [Action] = []
        sendAdvertisement(priority: 0, into: &actions)
        becomeBackup(now: now, reason: reason, newMaster: nil, into: &actions)
        let skew = VRRPTimers.skewTimeNanoseconds(
            priority: effectivePriority, masterAdverInterval: masterAdverInterval, version: configuration.version)
        phase = .backup(masterDownTimer: now.advanced(byNanoseconds: skew))
        return actions
    }

    /// Backup or Master → Fault; a Master first sends priority 0 and removes its addresses.
    mutating func enterFault(cause: FaultCause, into actions: inout [Action]) {
        let previous = state
        if case .master = phase {
            sendAdvertisement(priority: 0, into: &actions)
            actions.append(.removeAddresses(ownedAddresses))
            announcements.stop()
            statistics.masterReleases += 1
        }
        phase = .fault
        currentMaster = nil
        currentMasterPriority = nil
        actions.append(.stateChanged(from: previous, to: .fault, reason: .fault(cause)))
    }

    mutating func shutdown(now: VRRPInstant) -> [Action] {
        var actions: [Action] = []
        let previous = state
        switch phase {
        case .initialize:
            return actions
        case .master:
            sendAdvertisement(priority: 0, into: &actions)
            actions.append(.removeAddresses(ownedAddresses))
            announcements.stop()
        case .backup, .fault:
            break
        }
        phase = .initialize
        currentMaster = nil
        currentMasterPriority = nil
        preemptAllowedAt = nil
        startupHoldUntil = nil
        actions.append(.stateChanged(from: previous, to: .initialize, reason: .shutdown))
        return actions
    }

    /// Enters or leaves Fault after a change to one of its causes.
    mutating func reevaluateFault(now: VRRPInstant) -> [Action] {
        var actions: [Action] = []
        let cause = faultCauses.first
        switch phase {
        case .initialize:
            break
        case .fault:
            if cause == nil { start(now: now, from: .fault, into: &actions) }
        case .backup, .master:
            if let cause { enterFault(cause: cause, into: &actions) }
        }
        return actions
    }

    /// A tracked item reported a reading: a condition counts as up when it is not 0, a value takes it as it is.
    mutating func trackedItemRead(name: String, reading: Int, now: VRRPInstant) -> [Action] {
        guard let index = configuration.trackedItems.firstIndex(where: { $0.name == name }) else { return [] }
        let normalized = configuration.trackedItems[index].kind == .condition ? (reading != 0 ? 1 : 0) : reading
        guard trackedReadings[index] != normalized else { return [] }
        trackedReadings[index] = normalized
        return trackingChanged(now: now)
    }

    /// A tracked item changed: the priority may have moved, a weight-0 item may fault or recover.
    mutating func trackingChanged(now: VRRPInstant) -> [Action] {
        let previousPriority = effectivePriority
        effectivePriority = TrackedPriority.effectivePriority(
            base: configuration.priority, items: configuration.trackedItems, readings: trackedReadings)
        var actions = reevaluateFault(now: now)
        if actions.isEmpty, effectivePriority != previousPriority, case .master = phase {
            // Tell the backups at once, so that a higher one preempts without waiting an interval.
            sendAdvertisement(into: &actions)
            phase = .master(adverTimer: now.advanced(byNanoseconds: configuration.advertisementInterval.nanoseconds))
        }
        return actions
    }

    mutating func follow(_ directive: SyncGroup.Directive, now: VRRPInstant) -> [Action] {
        var actions: [Action] = []
        switch directive {
        case .holdInFault(let hold):
            guard hold != heldBySyncGroup else { return actions }
            heldBySyncGroup = hold
            return reevaluateFault(now: now)
        case .becomeMaster:
            if case .backup = phase {
                becomeMaster(now: now, from: .backup, reason: .syncGroup, into: &actions)
            }
        case .becomeBackup:
            if case .master = phase {
                becomeBackup(now: now, reason: .syncGroup, newMaster: nil, into: &actions)
            }
        }
        return actions
    }

    // MARK: - Adverts

    mutating func sendAdvertisement(into actions: inout [Action]) {
        sendAdvertisement(priority: effectivePriority, into: &actions)
    }

    mutating func sendAdvertisement(priority: UInt8, into actions: inout [Action]) {
        statistics.advertisementsSent += 1
        if priority == 0 { statistics.priorityZeroPacketsSent += 1 }
        actions.append(.sendAdvertisement(advertisement(priority: priority)))
    }

    /// The advert this router sends with a given priority.
    public func advertisement(priority: UInt8) -> Advertisement {
        Advertisement(
            version: configuration.version,
            virtualRouterID: configuration.virtualRouterID,
            priority: priority,
            addresses: advertisedAddresses,
            interval: configuration.advertisementInterval,
            authenticationType: configuration.authentication.type,
            authenticationData: configuration.authentication.data
        )
    }

    mutating func malformed(_ error: WireError) -> [Action] {
        switch phase {
        case .initialize:
            return []
        case .backup, .master, .fault:
            break
        }
        switch error.code {
        case .badChecksum: statistics.checksumErrors += 1
        case .badVersion, .ipv6InVersion2: statistics.versionErrors += 1
        case .truncated, .addressCountMismatch: statistics.packetLengthErrors += 1
        case .badType: statistics.invalidTypePacketsReceived += 1
        case .unknownAuthType: statistics.invalidAuthType += 1
        case .zeroInterval: statistics.advertisementIntervalErrors += 1
        default: statistics.protocolErrors += 1
        }
        return [.discarded(.malformed(error))]
    }

    /// RFC 5798 §7.1 checks, then §6.4.2 (Backup) or §6.4.3 (Master).
    mutating func receive(_ received: ReceivedAdvertisement, now: VRRPInstant) -> [Action] {
        switch phase {
        case .initialize, .fault:
            return []
        case .backup, .master:
            break
        }
        if let reason = check(received) { return [.discarded(reason)] }
        let advert = received.advertisement
        let receivedAt = receiptInstant(of: received, now: now)
        statistics.advertisementsReceived += 1
        if advert.priority == 0 { statistics.priorityZeroPacketsReceived += 1 }

        switch phase {
        case .initialize, .fault:
            return []
        case .backup:
            if advert.priority == 0 {
                // The master is leaving: take over after Skew_Time (RFC 5798 §6.4.2).
                let skew = VRRPTimers.skewTimeNanoseconds(
                    priority: effectivePriority, masterAdverInterval: masterAdverInterval,
                    version: configuration.version)
                phase = .backup(masterDownTimer: receivedAt.advanced(byNanoseconds: skew))
                return []
            }
            let preempts = configuration.preemptMode || configuration.isAddressOwner
            var accept = !preempts || advert.priority >= effectivePriority
            if !accept, configuration.preemptDelay > .zero {
                let allowedAt = preemptAllowedAt ?? now + configuration.preemptDelay
                preemptAllowedAt = allowedAt
                accept = now < allowedAt
            } else if accept, let allowedAt = preemptAllowedAt, allowedAt <= now {
                preemptAllowedAt = nil
            }
            guard accept else { return [] }
            if configuration.version == .v3 { masterAdverInterval = advert.interval }
            currentMaster = received.source
            currentMasterPriority = advert.priority
            phase = .backup(masterDownTimer: masterDownDeadline(now: now, from: receivedAt))
            return []
        case .master:
            var actions: [Action] = []
            if advert.priority == 0 {
                sendAdvertisement(into: &actions)
                phase = .master(
                    adverTimer: now.advanced(byNanoseconds: configuration.advertisementInterval.nanoseconds))
                return actions
            }
            let higher =
                advert.priority > effectivePriority
                || (advert.priority == effectivePriority && isHigher(received.source))
            if higher {
                // keepalived's higher_prio_send_advert: one advert at our own priority before backing off.
                if configuration.answerHigherPriority { sendAdvertisement(into: &actions) }
                if configuration.version == .v3 { masterAdverInterval = advert.interval }
                becomeBackup(
                    now: now, reason: .preempted(priority: advert.priority, by: received.source),
                    newMaster: received.source, into: &actions)
                currentMasterPriority = advert.priority
            } else if configuration.answerLowerPriority {
                // keepalived answers at once and its advert timer starts again from the answer (seen on the wire:
                // a master hearing a lower priority every interval sends only the answers).
                sendAdvertisement(into: &actions)
                phase = .master(
                    adverTimer: now.advanced(byNanoseconds: configuration.advertisementInterval.nanoseconds))
            }
            return actions
        }
    }

    /// Whether a peer's address beats our primary address in the tie-break.
    func isHigher(_ source: IPAddress) -> Bool {
        guard let primary = configuration.primaryAddress else { return true }
        return source > primary
    }

    /// The first §7.1 check an advert fails, counted; nil when it passes.
    mutating func check(_ received: ReceivedAdvertisement) -> DiscardReason? {
        let advert = received.advertisement
        if let primary = configuration.primaryAddress, received.source == primary { return .ownAdvertisement }
        if received.isMulticast, received.hopLimit != 255 {
            statistics.ipTTLErrors += 1
            return .hopLimit(received.hopLimit)
        }
        if advert.version != configuration.version {
            statistics.versionErrors += 1
            return .versionMismatch(advert.version)
        }
        if advert.virtualRouterID != configuration.virtualRouterID {
            statistics.vrIdErrors += 1
            return .virtualRouterIDMismatch(advert.virtualRouterID)
        }
        if advert.addresses.family != configuration.family || received.source.family != configuration.family {
            statistics.protocolErrors += 1
            return .addressFamilyMismatch
        }
        if configuration.checkUnicastSource, !configuration.unicastPeers.isEmpty,
            !configuration.unicastPeers.contains(received.source)
        {
            statistics.protocolErrors += 1
            return .unknownUnicastSource(received.source)
        }
        if configuration.version == .v2 {
            let expected = configuration.authentication
            if advert.authenticationType != expected.type {
                statistics.authTypeMismatch += 1
                return .authenticationTypeMismatch(advert.authenticationType)
            }
            // keepalived's VRRPv2 over IPv6 carries the auth type but no password: there is nothing to compare.
            if case .password(let password) = expected, configuration.family == .ipv4,
                !advert.authenticationData.constantTimeEquals(password)
            {
                statistics.authFailures += 1
                return .authenticationFailure
            }
            if advert.interval != configuration.advertisementInterval {
                statistics.advertisementIntervalErrors += 1
                return .intervalMismatch(advert.interval)
            }
        }
        if advert.addresses != advertisedAddresses, !advert.addresses.sameSet(as: advertisedAddresses) {
            statistics.addressListErrors += 1
            if configuration.strictMode, advert.priority != 255 { return .addressListMismatch }
        }
        return nil
    }
}
