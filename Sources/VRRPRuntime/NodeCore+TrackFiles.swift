import HealthCheck
import Logging
import VRRPStateMachine

/// keepalived's `track_file` in the node: `init_file` at startup, one inotify descriptor in the event loop, and each
/// change of a file's value delivered to the instances that track it.
extension NodeCore {
    /// Writes `init_file` values, (re)opens the watcher when the set of files changed, reads every file and delivers
    /// the values. At startup it runs before the routers start, so a file's value decides their first state and
    /// priority, as keepalived's `initialise_tracking_priorities`. On a reload existing files are not overwritten.
    mutating func configureTrackFiles(reload: Bool, now: Int64) {
        for file in configuration.files {
            guard let value = file.initialValue else { continue }
            do {
                if try TrackFile.initialise(path: file.path, value: value, overwrite: file.overwrite, reload: reload) {
                    logger.info("Track file \(file.name): initialised \(file.path) with \(value)")
                }
            } catch {
                logger.error("Track file \(file.name): cannot initialise: \(error)")
            }
        }
        let wanted = configuration.files.map(\.watched)
        if reload, let current = trackFiles, current.files == wanted {
            // Same files: the watcher's values stand; instances that now track a file (or were added) learn them.
            for (name, value) in current.watcher.values.sorted(by: { $0.key < $1.key }) {
                deliverTrackFileValue(name: name, value: value, now: now)
            }
            return
        }
        if let current = trackFiles {
            loop?.remove(current.watcher.descriptor)
            trackFiles = nil
        }
        guard !wanted.isEmpty else { return }
        let watcher: TrackFileWatcher
        do {
            watcher = try TrackFileWatcher()
            if let loop { try loop.add(watcher.descriptor) }
        } catch {
            logger.error("Unable to monitor track files: \(error)")
            return
        }
        for error in watcher.watch(wanted) {
            logger.error("Track file cannot be watched, its value stays 0: \(error)")
        }
        trackFiles = (watcher, wanted)
        for report in watcher.readAll() { trackFileRead(report, now: now, initial: true) }
    }

    /// Drains the watcher's events (its descriptor was readable).
    mutating func handleTrackFileEvents(now: Int64) {
        guard let watcher = trackFiles?.watcher else { return }
        for report in watcher.receive() { trackFileRead(report, now: now, initial: false) }
    }

    mutating func trackFileRead(_ report: TrackFileWatcher.Report, now: Int64, initial: Bool) {
        if let problem = report.problem {
            // A file that is missing at startup or was just deleted is normal: say so at info level.
            switch problem {
            case .missing, .empty: logger.info("Track file \(report.name): \(report.path) \(problem)")
            case .unreadable, .notANumber, .outOfRange, .watchEnded:
                logger.warning("Track file \(report.name): \(report.path) \(problem)")
            }
        }
        guard report.changed || initial else { return }
        if report.changed {
            logger.info(
                "Track file \(report.name): value changed from \(report.previous) to \(report.value) (\(report.path))")
        }
        deliverTrackFileValue(name: report.name, value: report.value, now: now)
    }

    /// Delivers a file's value to the instances tracking it, logging as keepalived does: `(VI_1): tracked file
    /// maint now FAULT state` / `leaving FAULT state`, else `(VI_1) Changing effective priority from 150 to 90`.
    mutating func deliverTrackFileValue(name fileName: String, value: Int, now: Int64) {
        let name = TrackedName.file(fileName)
        for index in instances.indices {
            guard let item = instances[index].configuration.router.trackedItems.first(where: { $0.name == name })
            else { continue }
            let instance = instances[index].configuration.name
            let before = instances[index].router.effectivePriority
            let reading = instances[index].router.trackedItemReadings[name] ?? item.initialReading
            let faultBefore = TrackedPriority.causesFault(item, reading: reading)
            let faultAfter = TrackedPriority.causesFault(item, reading: value)
            if faultAfter != faultBefore {
                logger.info("(\(instance)): tracked file \(fileName) \(faultAfter ? "now" : "leaving") FAULT state")
            }
            deliver(.trackedItemValueChanged(name: name, value: value), to: index, now: now)
            let after = instances[index].router.effectivePriority
            if before != after, !faultAfter {
                logger.info("(\(instance)) Changing effective priority from \(before) to \(after)")
            }
            if before != after || faultAfter != faultBefore { statusChanged = true }
        }
    }
}
