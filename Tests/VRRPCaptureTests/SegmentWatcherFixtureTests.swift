import Foundation
import Testing
import VRRPCapture
import VRRPWire

/// The watcher over the captures in `Fixtures/pcap/` (made with real keepalived / FRR peers by another branch).
/// Skipped when the folder is absent.
@Suite("SegmentWatcher over the fixture captures")
struct SegmentWatcherFixtureTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/pcap")

    static var captures: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".pcap") || $0.hasSuffix(".pcapng") }.sorted()
            .map { folder.appendingPathComponent($0).path }
    }

    static func watch(_ path: String) throws -> SegmentWatcher {
        var watcher = SegmentWatcher()
        for frame in try PcapReader.readAll(path: path) { _ = watcher.observe(frame) }
        return watcher
    }

    @Test(
        "every fixture capture is watched to the end; those with adverts have a master or name a problem",
        .enabled(if: !captures.isEmpty, "no Fixtures/pcap/*.pcap on this branch"))
    func everyCapture() throws {
        for path in Self.captures {
            let watcher = try Self.watch(path)
            #expect(watcher.frames > 0, "\(path) has no frames")
            for router in watcher.routers where !router.speakers.isEmpty {
                let explained =
                    router.master != nil || router.speakers.allSatisfy(\.released)
                    || !watcher.problems.isEmpty || router.masterSilent
                #expect(explained, "\(path): VRID \(router.virtualRouterID) has speakers but no master")
            }
        }
    }

    @Test(
        "a master killed with SIGKILL goes silent; one stopped with SIGTERM releases with priority 0 and does not",
        .enabled(
            if: captures.contains { $0.contains("sigkill") || $0.contains("sigterm") },
            "no *sigkill* / *sigterm* failover capture in Fixtures/pcap on this branch"))
    func failovers() throws {
        for path in Self.captures where path.contains("sigkill") {
            let kinds = try Self.watch(path).problems.map(\.kind)
            #expect(kinds.contains(.silentMaster), "\(path): \(kinds)")
            #expect(!kinds.contains(.splitBrain), "\(path): \(kinds)")
        }
        for path in Self.captures where path.contains("sigterm") {
            let watcher = try Self.watch(path)
            #expect(watcher.problems.isEmpty, "\(path): \(watcher.problems)")
            let released = watcher.routers.flatMap(\.speakers).contains { $0.released }
            #expect(released, "\(path): no priority-0 advert")
        }
    }

    @Test(
        "a capture made with two masters on purpose is reported as a split brain",
        .enabled(
            if: captures.contains { $0.contains("two-masters") || $0.contains("split") },
            "no *two-masters* / *split* capture in Fixtures/pcap on this branch"))
    func twoMasters() throws {
        for path in Self.captures where path.contains("two-masters") || path.contains("split") {
            let watcher = try Self.watch(path)
            let split = watcher.problems.filter { $0.kind == .splitBrain }
            #expect(!split.isEmpty, "\(path): no split brain reported; problems: \(watcher.problems)")
            #expect(split.allSatisfy { $0.speakers.count >= 2 })
        }
    }
}
