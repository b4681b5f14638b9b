import HealthCheck
import Logging
import VRRPStateMachine
import VRRPWire

/// Operator commands and the observations status and metrics need (takeover instants, master adverts, checks).
extension NodeCore {
    /// Releases (`operator:release` down) or restores an instance, logging it.
    mutating func setReleased(_ name: String, _ released: Bool, now: Int64) {
        guard let index = instances.firstIndex(where: { $0.configuration.name == name }) else {
            logger.warning("operator: no instance named \(name) to \(released ? "release" : "restore")")
            return
        }
        logger.notice(
            "(\(name)) operator \(released ? "released the instance (maintenance)" : "restored the instance")")
        deliver(.trackedItemChanged(name: OperatorRelease.trackedItemName, isUp: !released), to: index, now: now)
        statusChanged = true
    }

    /// Starts a takeover record when the actions take an instance to Master. The router lists the transition
    /// after the address and announcement actions, so this looks ahead before they are carried out.
    mutating func noteTransitions(in actions: [VirtualRouter.Action], index: Int, now: Int64) {
        for case .stateChanged(_, let to, _) in actions {
            switch to {
            case .master:
                instances[index].observed.takeover = TakeoverTiming(decidedAt: now)
                instances[index].observed.lastMasterAdvertisement = nil
            case .backup, .fault, .initialize:
                break
            }
        }
    }

    /// Notes when the first address installation of the current takeover finished.
    mutating func noteAddressesAdded(index: Int) {
        guard instances[index].router.state == .master, var takeover = instances[index].observed.takeover,
            takeover.addressesInstalledAt == nil
        else { return }
        takeover.addressesInstalledAt = MonotonicClock.nanoseconds()
        instances[index].observed.takeover = takeover
    }

    /// Notes when the first gratuitous ARP / NA of the current takeover left.
    mutating func noteAnnounced(index: Int) {
        guard instances[index].router.state == .master, var takeover = instances[index].observed.takeover,
            takeover.firstAnnouncementAt == nil
        else { return }
        takeover.firstAnnouncementAt = MonotonicClock.nanoseconds()
        instances[index].observed.takeover = takeover
    }

    /// Notes an advert that came from the instance's current master.
    mutating func noteAdvertisement(_ event: VirtualRouter.Event, targets: [Int], now: Int64) {
        guard case .advertisementReceived(let received) = event else { return }
        let arrival = min(received.arrivedAt?.nanoseconds ?? now, now)
        for index in targets
        where instances[index].router.state != .master && instances[index].router.currentMaster == received.source {
            instances[index].observed.lastMasterAdvertisement = arrival
        }
    }

    /// Counts one check run.
    mutating func observeCheck(_ name: String, _ completion: ProcessSupervisor.Completion, now: Int64) {
        var status = checkObservations[name] ?? CheckReport(name: name)
        if completion.timedOut {
            status.timeouts += 1
        } else if completion.outcome.isSuccess {
            status.successes += 1
        } else {
            status.failures += 1
        }
        status.lastSucceeded = completion.outcome.isSuccess && !completion.timedOut
        status.totalRuntimeNanoseconds += completion.runtimeNanoseconds
        status.lastRuntimeNanoseconds = completion.runtimeNanoseconds
        status.recentRuntimesNanoseconds.append(completion.runtimeNanoseconds)
        if status.recentRuntimesNanoseconds.count > CheckReport.recentLimit {
            status.recentRuntimesNanoseconds.removeFirst()
        }
        checkObservations[name] = status
    }

    /// Every configured check with its results so far.
    func checkStatus() -> [CheckReport] {
        checks.keys.sorted().map { name in
            var status = checkObservations[name] ?? CheckReport(name: name)
            switch checks[name]?.counter.status {
            case .up: status.isUp = true
            case .down: status.isUp = false
            case .unknown, nil: status.isUp = nil
            }
            return status
        }
    }
}
