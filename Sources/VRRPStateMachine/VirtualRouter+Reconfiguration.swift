import VRRPWire

extension VirtualRouter {
    /// Applies a reload, keeping state and timers where the change allows; see ``Event/configurationChanged(_:)``.
    ///
    /// - The VRID and the family identify the router: a change to either is refused (build a new router).
    /// - Tracked items keep their state by name; new ones start as configured.
    /// - A Backup keeps its master-down timer (a VRRPv3 Backup keeps the interval it learned) and becomes Master at
    ///   once if it is now the address owner.
    /// - A Master removes addresses it no longer has, adds and announces new ones, and advertises at once when
    ///   anything it advertises changed.
    mutating func reconfigure(_ newConfiguration: Configuration, now: VRRPInstant) -> [Action] {
        do {
            try newConfiguration.validate()
        } catch {
            return [.configurationRejected(error)]
        }
        guard newConfiguration.virtualRouterID == configuration.virtualRouterID,
            newConfiguration.family == configuration.family
        else {
            return [
                .configurationRejected(
                    ConfigurationError(.identity, "a reload cannot change the VRID or the family of a router"))
            ]
        }
        let old = configuration
        let oldOwned = ownedAddresses
        let oldAdvert = advertisement(priority: effectivePriority)
        let oldReadings = Dictionary(uniqueKeysWithValues: zip(old.trackedItems.map(\.name), trackedReadings))

        configuration = newConfiguration
        trackedReadings = newConfiguration.trackedItems.map { item in
            guard let reading = oldReadings[item.name] else { return item.initialReading }
            return item.kind == .condition ? (reading != 0 ? 1 : 0) : reading
        }
        effectivePriority = TrackedPriority.effectivePriority(
            base: newConfiguration.priority, items: newConfiguration.trackedItems, readings: trackedReadings)
        advertisedAddresses = newConfiguration.advertisedAddresses
        ownedAddresses = newConfiguration.virtualAddresses + newConfiguration.excludedAddresses
        if newConfiguration.version == .v2 || old.version != newConfiguration.version {
            masterAdverInterval = newConfiguration.advertisementInterval
        }

        var actions = reevaluateFault(now: now)
        guard actions.isEmpty else { return actions }
        switch state {
        case .initialize, .fault:
            break
        case .backup:
            if newConfiguration.isAddressOwner {
                becomeMaster(now: now, from: .backup, reason: .configurationChanged, into: &actions)
            }
        case .master:
            let removed = oldOwned.filter { !ownedAddresses.contains($0) }
            let added = ownedAddresses.filter { !oldOwned.contains($0) }
            if !removed.isEmpty { actions.append(.removeAddresses(removed)) }
            if !added.isEmpty {
                actions.append(.addAddresses(added))
                announcements.start(
                    now: now, settings: newConfiguration.announcements, addressCount: ownedAddresses.count)
                announcements.poll(
                    now: now, settings: newConfiguration.announcements, addresses: ownedAddresses, into: &actions)
            }
            if advertisement(priority: effectivePriority) != oldAdvert {
                sendAdvertisement(into: &actions)
                phase = .master(adverTimer: now + newConfiguration.advertisementInterval.duration)
            } else if let timer = adverTimer, timer > now + newConfiguration.advertisementInterval.duration {
                phase = .master(adverTimer: now + newConfiguration.advertisementInterval.duration)
            }
        }
        return actions
    }
}
