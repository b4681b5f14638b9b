import Foundation
import Testing
import VRRPRuntime
import VRRPStateMachine
import VRRPWire

@Suite("status document and its rendering, from in-memory nodes")
struct StatusDocumentTests {
    @Test("the master's document: state, priority arithmetic, timers, VIP present, takeover, counters")
    func masterDocument() async throws {
        let nodes = try OperatorTestNodes()
        #expect(await OperatorTestNodes.eventually { nodes.nodeA.status.first?.state == .master })
        #expect(await OperatorTestNodes.eventually { nodes.nodeB.status.first?.state == .backup })
        #expect(
            await OperatorTestNodes.eventually { (nodes.nodeA.status.first?.statistics.advertisementsSent ?? 0) >= 3 })
        let document = OperatorTestNodes.document(nodes.nodeA, nodes.controlA)
        #expect(document.schema == "vrrpctl.status/1")
        let instance = try #require(document.instances.first)
        #expect(instance.name == "VI_1")
        #expect(instance.state == "MASTER")
        #expect(instance.vrid == 51 && instance.family == "ipv4" && instance.version == 3)
        #expect(instance.released == false)
        #expect(instance.priority.base == 150)
        #expect(instance.priority.effective == 130)
        let items = Dictionary(uniqueKeysWithValues: instance.priority.trackedItems.map { ($0.name, $0) })
        #expect(items["script:chk_web"]?.contribution == -20)
        #expect(items["script:chk_web"]?.up == false)
        #expect(items["operator:release"]?.weight == 0)
        #expect(items["operator:release"]?.up == true)
        #expect(instance.master?.address == "192.0.2.1")
        #expect(instance.master?.isSelf == true)
        // RFC 5798 at 50 ms and priority 130: Skew_Time = (256 − 130) × 50 / 256 ms = 24.609375 ms.
        #expect(instance.timers.masterAdverIntervalMs == 50)
        #expect(abs(instance.timers.skewTimeMs - 24.609375) < 0.001)
        #expect(abs(instance.timers.masterDownIntervalMs - 174.609375) < 0.001)
        #expect(instance.virtualAddresses.map(\.address) == ["192.0.2.100"])
        #expect(instance.virtualAddresses.map(\.present) == [true])
        #expect(instance.lastTransition?.to == "MASTER")
        #expect(instance.lastTransition?.reasonCode == "master-down")
        #expect(instance.since == instance.lastTransition?.at)
        let takeover = try #require(instance.lastTakeover)
        #expect(takeover.addressesInstalledMs != nil)
        #expect(takeover.firstAnnouncementMs != nil)
        #expect((takeover.firstAnnouncementMs ?? -1) >= (takeover.addressesInstalledMs ?? .infinity))
        #expect((instance.counters["advertisementsSent"] ?? 0) >= 3)
        #expect(instance.counters.keys.contains("checksumErrors"))
    }

    @Test("the backup's document names the master and the age of its last advert; the VIP is absent")
    func backupDocument() async throws {
        let nodes = try OperatorTestNodes()
        let masterA = IPAddress.ipv4(IPv4Address(192, 0, 2, 1))
        #expect(await OperatorTestNodes.eventually { nodes.nodeB.status.first?.currentMaster == masterA })
        #expect(await OperatorTestNodes.eventually { nodes.nodeB.status.first?.lastMasterAdvertisement != nil })
        let instance = try #require(OperatorTestNodes.document(nodes.nodeB, nodes.controlB).instances.first)
        #expect(instance.state == "BACKUP")
        #expect(instance.master?.address == "192.0.2.1")
        #expect(instance.master?.isSelf == false)
        let age = try #require(instance.master?.lastAdvertisementAgoMs)
        #expect(age >= 0 && age < 1_000, "last advert \(age) ms ago")
        #expect(instance.virtualAddresses.first?.present == false)
        #expect(instance.lastTakeover == nil)
        // The master-down timer runs from the last advert's arrival: at most Master_Down_Interval (175 ms) away.
        let masterDown = try #require(instance.timers.masterDownInMs, "a backup reports when it would take over")
        #expect(masterDown <= instance.timers.masterDownIntervalMs)
        #expect(masterDown > instance.timers.masterDownIntervalMs - 1_000)
        #expect(OperatorTestNodes.document(nodes.nodeA, nodes.controlA).instances.first?.timers.masterDownInMs == nil)
    }

    @Test("the JSON round-trips, has the documented top-level keys, and sorts keys")
    func jsonRoundTrip() async throws {
        let nodes = try OperatorTestNodes()
        #expect(await OperatorTestNodes.eventually { nodes.nodeA.status.first?.state == .master })
        let document = OperatorTestNodes.document(nodes.nodeA, nodes.controlA)
        let line = try document.jsonLine()
        #expect(!line.contains("\n"))
        let decoded = try JSONDecoder().decode(StatusDocument.self, from: Data(line.utf8))
        #expect(decoded == document)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["schema", "generatedAt", "pid", "instances"])
        let instance = try #require((object["instances"] as? [[String: Any]])?.first)
        #expect(
            Set(instance.keys) == [
                "name", "interface", "vrid", "family", "version", "state", "since", "released", "faultCauses",
                "priority", "master", "timers", "virtualAddresses", "lastTransition", "lastTakeover", "counters",
            ])
        #expect(line.hasPrefix("{\"generatedAt\":"), "keys are sorted")
        // RFC 3339 UTC with milliseconds: 2026-11-23T20:02:23.463Z.
        #expect(document.generatedAt.count == 24 && document.generatedAt.hasSuffix("Z"), "\(document.generatedAt)")
        #expect(document.instances.first?.since?.hasSuffix("Z") == true)
    }

    @Test("the text spells out the weight arithmetic and the timers")
    func textRendering() async throws {
        let nodes = try OperatorTestNodes()
        #expect(await OperatorTestNodes.eventually { nodes.nodeA.status.first?.state == .master })
        let text = OperatorTestNodes.document(nodes.nodeA, nodes.controlA).renderText()
        #expect(text.hasPrefix("VI_1: MASTER since "))
        #expect(text.contains("  150  base"))
        #expect(text.contains("  -20  script:chk_web (weight -20, down)"))
        #expect(text.contains("   +0  operator:release (weight 0, up, FAULT while down)"))
        #expect(text.contains("= 130  effective"))
        #expect(text.contains("Master_Adver_Interval 50 ms, Skew_Time 25 ms, Master_Down_Interval 175 ms"))
        #expect(text.contains("192.0.2.100 present"))
        #expect(text.contains("master     192.0.2.1 (this node)"))
    }
}
