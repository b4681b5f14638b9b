/// When a node's process trims its resident set to its working set
/// (``ProcessMemory/trimToWorkingSet(observation:keepingSplit:releasingFirst:report:)``) and how long each trim
/// observes: `vrrpctl run` trims once its instances run, then again whenever the code and constants it has
/// resident grew by ``growthKilobytes`` since the last trim (a state change, a reload or a status request ran
/// code the steady state does not), checked every ``checkInterval``.
public struct WorkingSetTrimPolicy: Hashable, Sendable {
    /// How long a trim watches which pages the process uses.
    public var observation: Duration
    /// How long the mappings stay split after the first trim dropped the unused pages, so what a node does once
    /// in its first seconds faults in one page at a time (the repeated gratuitous ARPs come `garp_master_delay`,
    /// 5 s by default, after an instance becomes master): until 10 s after the first trim began.
    public var firstSplitAfterObservation: Duration { max(.seconds(10) - observation, .zero) }
    /// How often the resident file pages are compared with what the last trim left.
    public var checkInterval: Duration
    /// The growth of resident file pages, in kilobytes, that calls for another trim.
    public var growthKilobytes: Int

    /// The shortest and the longest observation.
    public static let observationBounds: ClosedRange<Duration> = .seconds(3) ... .seconds(30)

    /// A policy with these values.
    public init(observation: Duration, checkInterval: Duration = .seconds(10), growthKilobytes: Int = 1024) {
        self.observation = observation
        self.checkInterval = checkInterval
        self.growthKilobytes = growthKilobytes
    }

    /// The policy for a node: each trim observes twice the longest period the node runs on (advertisement
    /// intervals, check-script intervals) plus a second, within ``observationBounds``, so every steady-state code
    /// path runs at least twice while the pages are noted.
    public init(for configuration: NodeConfiguration) {
        let periods =
            configuration.instances.map(\.router.advertisementInterval.duration)
            + configuration.scripts.map(\.interval)
        let wanted = (periods.max() ?? .zero) * 2 + .seconds(1)
        self.init(
            observation: min(max(wanted, Self.observationBounds.lowerBound), Self.observationBounds.upperBound))
    }

    /// Whether the process should trim again: its resident file pages grew by at least ``growthKilobytes`` since
    /// the last trim left `baseline` kilobytes.
    public func shouldTrim(residentFileKilobytes: Int, baseline: Int) -> Bool {
        residentFileKilobytes - baseline >= growthKilobytes
    }
}
