public import FoundationEssentials
public import VRRPStateMachine
public import VRRPWire

extension StatusDocument {
    /// A document for instances as the node reports them.
    ///
    /// - Parameters:
    ///   - statuses: ``VRRPNode/status``.
    ///   - presentAddresses: the addresses the network namespace holds now, or nil when they could not be read.
    ///   - monotonicNow: CLOCK_MONOTONIC now, in nanoseconds (the clock of the node's instants).
    ///   - wallNow: the wall clock now, to turn monotonic instants into dates.
    ///   - pid: the node's process id.
    public init(
        statuses: [InstanceStatus],
        presentAddresses: Set<IPAddress>?,
        monotonicNow: Int64,
        wallNow: Date,
        pid: Int
    ) {
        func date(_ monotonic: Int64) -> String {
            Self.rfc3339(wallNow.addingTimeInterval(-Double(monotonicNow - monotonic) / 1e9))
        }
        func milliseconds(_ nanoseconds: Int64) -> Double { Double(nanoseconds) / 1e6 }
        let instances = statuses.map { status -> Instance in
            let items = status.trackedItems.map {
                TrackedItem(
                    name: $0.name, weight: $0.weight, reverse: $0.reverse, up: $0.isUp, contribution: $0.contribution,
                    value: $0.value)
            }
            let master = status.currentMaster.map { address in
                Master(
                    address: address.description, isSelf: status.state == .master,
                    lastAdvertisementAgoMs: status.state == .master
                        ? nil : status.lastMasterAdvertisement.map { milliseconds(monotonicNow - $0) })
            }
            let transition = status.lastChange.map { change in
                Transition(
                    from: change.from.keepalivedName, to: change.to.keepalivedName,
                    reasonCode: change.reason.code, reason: change.reason.description,
                    at: date(change.monotonicNanoseconds),
                    agoMs: milliseconds(monotonicNow - change.monotonicNanoseconds))
            }
            let takeover = status.lastTakeover.map { timing in
                Takeover(
                    at: date(timing.decidedAt),
                    addressesInstalledMs: timing.addressesInstalledAt.map { milliseconds($0 - timing.decidedAt) },
                    firstAnnouncementMs: timing.firstAnnouncementAt.map { milliseconds($0 - timing.decidedAt) })
            }
            return Instance(
                name: status.name, interface: status.interface, vrid: Int(status.virtualRouterID),
                family: status.family == .ipv4 ? "ipv4" : "ipv6", version: Int(status.version.rawValue),
                state: status.state.keepalivedName, since: status.lastChange.map { date($0.monotonicNanoseconds) },
                released: status.isReleased, faultCauses: status.faultCauses.map(\.description),
                priority: Priority(
                    base: Int(status.basePriority), effective: Int(status.effectivePriority), trackedItems: items),
                master: master,
                timers: Timers(
                    masterAdverIntervalMs: milliseconds(status.masterAdverInterval.nanoseconds),
                    skewTimeMs: milliseconds(status.skewTime.nanosecondCount),
                    masterDownIntervalMs: milliseconds(status.masterDownInterval.nanosecondCount),
                    masterDownInMs: status.masterDownTimer.map { milliseconds($0 - monotonicNow) }),
                virtualAddresses: status.virtualAddresses.map { address in
                    VirtualAddress(
                        address: address.description, present: presentAddresses.map { $0.contains(address) })
                },
                lastTransition: transition, lastTakeover: takeover,
                counters: Dictionary(uniqueKeysWithValues: Self.counters(status.statistics)),
                vmacInterface: status.virtualMACInterface)
        }
        self.init(generatedAt: Self.rfc3339(wallNow), pid: pid, instances: instances)
    }

    /// The counters of a router, by their schema names, in a fixed order.
    public static func counters(_ s: VirtualRouter.Statistics) -> [(String, UInt64)] {
        [
            ("advertisementsReceived", s.advertisementsReceived), ("advertisementsSent", s.advertisementsSent),
            ("masterTransitions", s.masterTransitions),
            ("priorityZeroReceived", s.priorityZeroPacketsReceived), ("priorityZeroSent", s.priorityZeroPacketsSent),
            ("checksumErrors", s.checksumErrors), ("versionErrors", s.versionErrors), ("vridErrors", s.vrIdErrors),
            ("ipTTLErrors", s.ipTTLErrors), ("packetLengthErrors", s.packetLengthErrors),
            ("invalidTypeReceived", s.invalidTypePacketsReceived), ("addressListErrors", s.addressListErrors),
            ("advertisementIntervalErrors", s.advertisementIntervalErrors), ("authFailures", s.authFailures),
            ("invalidAuthType", s.invalidAuthType), ("authTypeMismatch", s.authTypeMismatch),
            ("protocolErrors", s.protocolErrors),
        ]
    }

    /// The document as one line of JSON with sorted keys.
    public func jsonLine() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// The document as indented JSON with sorted keys, for people.
    public func prettyJSON() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// `2026-11-23T19:41:12.123Z` (UTC).
    static func rfc3339(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}

extension VirtualRouter.TransitionReason {
    /// A fixed code for the reason, for JSON and metric labels.
    public var code: String {
        switch self {
        case .startup: "startup"
        case .addressOwner: "address-owner"
        case .masterDownTimerExpired: "master-down"
        case .preempted: "preempted"
        case .fault: "fault"
        case .faultCleared: "fault-cleared"
        case .syncGroup: "sync-group"
        case .configurationChanged: "configuration-changed"
        case .virtualAddressLost: "virtual-address-lost"
        case .virtualRouteLost: "virtual-route-lost"
        case .shutdown: "shutdown"
        }
    }
}
