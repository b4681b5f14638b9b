/// What the node observes about one instance beyond the router's own state: for status and metrics.
struct InstanceObservations {
    /// The last takeover's instants.
    var takeover: TakeoverTiming?
    /// When the last advert from the current master arrived (CLOCK_MONOTONIC nanoseconds).
    var lastMasterAdvertisement: Int64?
}
