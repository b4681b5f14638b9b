import Testing
import VRRPStateMachine
import VRRPTestSupport
import VRRPWire

/// The router most rule tests drive: VRID 51, priority 100, 1 s adverts, 192.0.2.1 with VIP 192.0.2.100.
func testConfiguration(
    version: VRRPVersion = .v3,
    priority: UInt8 = 100,
    interval: AdvertisementInterval = .oneSecond,
    primary: String = "192.0.2.1",
    virtualAddresses: [String] = ["192.0.2.100"],
    preemptMode: Bool = true,
    preemptDelay: Duration = .zero,
    authentication: VirtualRouter.Authentication = .none,
    announcements: AnnouncementSettings = AnnouncementSettings(),
    strictMode: Bool = false,
    trackedItems: [TrackedItem] = []
) -> VirtualRouter.Configuration {
    let primaryAddress = IPAddress(primary)
    return VirtualRouter.Configuration(
        virtualRouterID: 51,
        family: primaryAddress?.family ?? .ipv4,
        version: version,
        priority: priority,
        advertisementInterval: interval,
        virtualAddresses: virtualAddresses.compactMap(IPAddress.init),
        primaryAddress: primaryAddress,
        interfaceName: "eth0",
        preemptMode: preemptMode,
        preemptDelay: preemptDelay,
        authentication: authentication,
        announcements: announcements,
        strictMode: strictMode,
        trackedItems: trackedItems
    )
}

/// Runs a timing-DSL script over a router and expects exactly the script's output lines.
@discardableResult
func expectTimeline(
    _ configuration: VirtualRouter.Configuration,
    _ script: String,
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> RouterTimeline {
    var timeline = try RouterTimeline(configuration)
    let result = try timeline.run(script)
    #expect(!result.expected.isEmpty, "the script expects nothing", sourceLocation: sourceLocation)
    #expect(result.actual == result.expected, sourceLocation: sourceLocation)
    return timeline
}
