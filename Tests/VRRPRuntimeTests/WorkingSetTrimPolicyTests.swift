import Testing
import VRRPRuntime
import VRRPStateMachine
import VRRPWire

@Suite("working-set trim policy")
struct WorkingSetTrimPolicyTests {
    func configuration(intervals: [UInt16]) -> NodeConfiguration {
        NodeConfiguration(
            instances: intervals.enumerated().map { index, centiseconds in
                let router = VirtualRouter.Configuration(
                    virtualRouterID: UInt8(index + 1), family: .ipv4, version: .v3, priority: 100,
                    advertisementInterval: AdvertisementInterval(centiseconds: centiseconds),
                    virtualAddresses: [.ipv4(IPv4Address(192, 0, 2, UInt8(100 + index)))], primaryAddress: nil,
                    interfaceName: "eth0")
                return NodeConfiguration.Instance(name: "VI_\(index + 1)", interface: "eth0", router: router)
            })
    }

    @Test(
        "each trim observes twice the longest advertisement interval and a second, 3-30 s",
        arguments: [
            ([1], Duration.seconds(3)), ([100, 500], .seconds(11)), ([1, 2_000], .seconds(30)),
            ([], .seconds(3)),
        ] as [([UInt16], Duration)])
    func observation(intervals: [UInt16], expected: Duration) {
        let policy = WorkingSetTrimPolicy(for: configuration(intervals: intervals))
        #expect(policy.observation == expected)
        #expect(policy.firstSplitAfterObservation == max(.seconds(10) - expected, .zero))
    }

    @Test("a trim is due once resident file pages grew by the threshold since the last one")
    func growth() {
        let policy = WorkingSetTrimPolicy(observation: .seconds(3), growthKilobytes: 1024)
        #expect(!policy.shouldTrim(residentFileKilobytes: 3_000, baseline: 3_000))
        #expect(!policy.shouldTrim(residentFileKilobytes: 4_023, baseline: 3_000))
        #expect(policy.shouldTrim(residentFileKilobytes: 4_024, baseline: 3_000))
        #expect(!policy.shouldTrim(residentFileKilobytes: 2_000, baseline: 3_000))
    }
}
