import Foundation
import Testing
import VRRPConfig
import VRRPRuntime
import VRRPStateMachine
import VRRPWire

/// The real-world keepalived.conf corpus of `../shared/corpus/keepalived-conf/` once more, past `vrrpctl check`:
/// every file keepalived 2.2.7's configuration test accepts (and `check` finds no error in) must convert into a
/// node configuration whose routers are valid, so that `vrrpctl run` starts on it. (Files `check` passed that `run`
/// refused were seen: instances without virtual_ipaddress, which keepalived 2.2.7 itself refuses only when it
/// starts, and a script tracked by an instance and its sync group.)
@Suite("keepalived.conf corpus: what check accepts, run can start")
struct CorpusRunnabilityTests {
    /// The corpus files keepalived's configuration test does not reject.
    static let runnable: [String] = {
        let accepted: Set<String> = [
            "accepted", "accepted-once-interfaces-exist", "env-only-findings", "warnings-only",
        ]
        return CorpusTests.verdicts.filter { accepted.contains($0.verdict) }.map(\.file)
    }()

    /// Files `run` refuses although `check` finds no error, each with the reason (and a warning from `check`).
    /// (055-kdt1972u-vrf-no-interface.conf was one until instances without interface ran; under the corpus's
    /// config id `check` now finds an error in it, and ``vrfWithoutInterface()`` runs it as node "high".)
    static let knownRefusals: [String: String] = [:]

    @Test(
        "055 (vrf, no interface) as node high: check warns that vrf is not provided, run refuses only for the vrf",
        .enabled(if: !runnable.isEmpty, "corpus not found"))
    func vrfWithoutInterface() throws {
        let loader = KeepalivedConfigLoader(reader: CorpusReader(), configID: "high")
        let path = CorpusTests.directory.appendingPathComponent("055-kdt1972u-vrf-no-interface.conf").path
        let result = loader.load(path: path)
        #expect(!result.hasErrors)
        #expect(result.diagnostics.contains { $0.code == .notProvided && $0.message.hasPrefix("vrf vrf-1") })
        #expect(throws: NodeConfiguration.ConversionError.self) {
            try NodeConfiguration(keepalived: result.configuration)
        }
        do {
            _ = try NodeConfiguration(keepalived: result.configuration)
        } catch {
            #expect(error.reason.hasPrefix("vrf vrf-1 is not supported"))
        }
        // Without vrf it runs on the default interface, its VIP on the device it names.
        var configuration = result.configuration
        configuration.instances[0].vrf = nil
        let instance = try #require(try NodeConfiguration(keepalived: configuration).instances.first)
        #expect(instance.interface == "eth0")
        #expect(instance.unicastSource == .ipv4(IPv4Address(192, 168, 61, 254)))
        #expect(instance.router.unicastPeers == [.ipv4(IPv4Address(192, 168, 61, 253))])
        #expect(instance.addresses.map(\.device) == ["eth9"])
        #expect(throws: Never.self) { _ = try VirtualRouter(configuration: instance.router) }
    }

    @Test("the corpus has files keepalived accepts", .enabled(if: !runnable.isEmpty, "corpus not found"))
    func present() {
        #expect(Self.runnable.count >= 40)
    }

    @Test(
        "each file without errors converts, and each of its routers is valid",
        .enabled(if: !runnable.isEmpty, "../shared/corpus/keepalived-conf not found: corpus test skipped"),
        arguments: runnable)
    func converts(_ file: String) throws {
        let result = CorpusTests.check(file)
        guard result.diagnostics.allSatisfy({ $0.severity != .error }) else { return }
        let conversion = Result { () throws(NodeConfiguration.ConversionError) in
            try NodeConfiguration(keepalived: result.configuration)
        }
        if case .failure(let error) = conversion, error.reason.contains("does not exist") {
            // A script user of the host the file came from (environment, not configuration).
            return
        }
        if let reason = Self.knownRefusals[file] {
            #expect(throws: (any Error).self, "now runs; remove it from knownRefusals (\(reason))") {
                try conversion.get()
            }
            #expect(result.diagnostics.contains { $0.severity == .warning })
            return
        }
        let node = try conversion.get()
        for instance in node.instances {
            #expect(throws: Never.self, "\(file): (\(instance.name))") {
                _ = try VirtualRouter(configuration: instance.router)
            }
        }
    }
}
